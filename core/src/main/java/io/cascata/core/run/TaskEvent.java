package io.cascata.core.run;

import io.cascata.core.Task;
import java.time.Duration;
import java.util.Map;

/**
 * One event about one task.
 *
 * @param type what happened
 * @param task the task it happened to
 * @param dependency for {@link Event#DEPENDENCY_DISCOVERED}, the required task; else null
 * @param processingTime for {@link Event#PROCESSING_TIME}, the run's wall time; else null
 * @param error for {@link Event#FAILURE} and {@link Event#BROKEN_TASK}, the cause; else null
 * @param details for {@link Event#SUCCESS} and {@link Event#FAILURE}, what the attempt's executor
 *     noted (runner, Flink job link, ...); else empty
 */
public record TaskEvent(Event type, Task task, Task dependency, Duration processingTime, Throwable error,
        Map<String, String> details) {

    public TaskEvent {
        details = details == null ? Map.of() : details;
    }

    /** An event that carries no executor details. */
    public TaskEvent(Event type, Task task, Task dependency, Duration processingTime, Throwable error) {
        this(type, task, dependency, processingTime, error, Map.of());
    }
}
