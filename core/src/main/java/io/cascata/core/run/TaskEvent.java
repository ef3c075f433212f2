package io.cascata.core.run;

import io.cascata.core.Task;
import java.time.Duration;

/**
 * One event about one task.
 *
 * @param type what happened
 * @param task the task it happened to
 * @param dependency for {@link Event#DEPENDENCY_DISCOVERED}, the required task; else null
 * @param processingTime for {@link Event#PROCESSING_TIME}, the run's wall time; else null
 * @param error for {@link Event#FAILURE} and {@link Event#BROKEN_TASK}, the cause; else null
 */
public record TaskEvent(Event type, Task task, Task dependency, Duration processingTime, Throwable error) {
}
