package io.cascata.core.run;

import io.cascata.core.Task;
import io.cascata.core.TaskId;
import java.time.Duration;
import java.util.Map;

/**
 * What happened to one task in a run.
 *
 * @param id the task id
 * @param task the task
 * @param state where it ended
 * @param reason why it stayed pending, when {@code state} is {@link TaskState#PENDING}; else null
 * @param attempts how many times run() was called
 * @param runTime wall time of the last attempt (zero if it never ran)
 * @param error the last error's message (with its type), or null
 * @param details facts an executor reported about the run (runner, job id, ...), in order
 * @param failure why it failed, when {@code state} is {@link TaskState#FAILED}; else null
 */
public record TaskOutcome(TaskId id, Task task, TaskState state, PendingReason reason, int attempts,
        Duration runTime, String error, Map<String, String> details, FailureReason failure) {

    public TaskOutcome {
        details = Map.copyOf(details);
        if (state == TaskState.FAILED && failure == null) {
            failure = FailureReason.ERROR;
        } else if (state != TaskState.FAILED) {
            failure = null;
        }
    }

    /** An outcome whose failure, if it failed, was an error. */
    public TaskOutcome(TaskId id, Task task, TaskState state, PendingReason reason, int attempts,
            Duration runTime, String error, Map<String, String> details) {
        this(id, task, state, reason, attempts, runTime, error, details, null);
    }

    /** True when an attempt failed before a later one succeeded. */
    public boolean succeededAfterRetry() {
        return state == TaskState.COMPLETED && attempts > 1;
    }
}
