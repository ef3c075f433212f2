package io.cascata.core.run;

import io.cascata.core.Task;
import io.cascata.core.TaskId;
import java.time.Duration;
import java.util.Map;

/**
 * One event about one task.
 *
 * @param type what happened
 * @param task the task it happened to
 * @param id the task's id, as the driver made it (its hash is made once and kept, so listeners
 *     that name tasks by id on a big graph do not make it again)
 * @param number the task's number in this run (1 for the first task the driver found, then in the
 *     order it found them; 0 for a task the driver never took in), which names things that belong
 *     to the task in this run alone, such as its log file, at no cost
 * @param attempt how many attempts of the task had started when the event was fired: for
 *     {@link Event#START}, {@link Event#SUCCESS}, {@link Event#FAILURE} and {@link Event#TIMEOUT},
 *     the attempt the event is about (1 for the first)
 * @param dependency for {@link Event#DEPENDENCY_DISCOVERED}, the required task; else null
 * @param processingTime for {@link Event#PROCESSING_TIME}, the run's wall time; for
 *     {@link Event#SUCCESS} and {@link Event#FAILURE}, how long the attempt ran; else null
 * @param error for {@link Event#FAILURE} and {@link Event#BROKEN_TASK}, the cause; else null
 * @param details for {@link Event#SUCCESS} and {@link Event#FAILURE}, what the attempt's executor
 *     noted (runner, Flink job link, ...); else empty
 */
public record TaskEvent(Event type, Task task, TaskId id, int number, int attempt, Task dependency, Duration processingTime, Throwable error,
        Map<String, String> details) {

    public TaskEvent {
        details = details == null ? Map.of() : details;
    }

    /** An event that carries no executor details, number or attempt, its task's id made from the task. */
    public TaskEvent(Event type, Task task, Task dependency, Duration processingTime, Throwable error) {
        this(type, task, task.id(), 0, 0, dependency, processingTime, error, Map.of());
    }
}
