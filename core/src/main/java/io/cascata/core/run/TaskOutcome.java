package io.cascata.core.run;

import io.cascata.core.Task;
import io.cascata.core.TaskId;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * What happened to one task in a run.
 *
 * @param id the task id
 * @param task the task
 * @param state where it ended
 * @param reason why it stayed pending, when {@code state} is {@link TaskState#PENDING}; else null.
 *     When several reasons apply, the first in {@link PendingReason}'s order
 * @param attempts how many times run() was called
 * @param runTime wall time of the last attempt (zero if it never ran)
 * @param error the last error's message (with its type), or null
 * @param details facts an executor reported about the run (runner, job id, ...), in order
 * @param failure why it failed, when {@code state} is {@link TaskState#FAILED}; else null
 * @param reasons every reason it stayed pending (each requirement may give another); empty unless pending
 */
public record TaskOutcome(TaskId id, Task task, TaskState state, PendingReason reason, int attempts,
        Duration runTime, String error, Map<String, String> details, FailureReason failure,
        Set<PendingReason> reasons) {

    public TaskOutcome {
        details = Map.copyOf(details);
        if (state == TaskState.FAILED && failure == null) {
            failure = FailureReason.ERROR;
        } else if (state != TaskState.FAILED) {
            failure = null;
        }
        reasons = reasons.isEmpty() && reason != null ? Set.of(reason) : Set.copyOf(reasons);
    }

    /** An outcome whose only pending reason, if any, is {@code reason}. */
    public TaskOutcome(TaskId id, Task task, TaskState state, PendingReason reason, int attempts,
            Duration runTime, String error, Map<String, String> details, FailureReason failure) {
        this(id, task, state, reason, attempts, runTime, error, details, failure, Set.of());
    }

    /** An outcome whose failure, if it failed, was an error, and whose only pending reason, if any, is {@code reason}. */
    public TaskOutcome(TaskId id, Task task, TaskState state, PendingReason reason, int attempts,
            Duration runTime, String error, Map<String, String> details) {
        this(id, task, state, reason, attempts, runTime, error, details, null, Set.of());
    }

    /** True when an attempt failed before a later one succeeded. */
    public boolean succeededAfterRetry() {
        return state == TaskState.COMPLETED && attempts > 1;
    }
}
