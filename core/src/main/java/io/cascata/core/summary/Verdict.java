package io.cascata.core.summary;

import io.cascata.core.run.FailureReason;
import io.cascata.core.run.PendingReason;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskOutcome;
import io.cascata.core.run.TaskState;

/**
 * The closing line's face and reason, chosen as Luigi chooses them.
 *
 * @param face {@code :)}, {@code :|} or {@code :(}
 * @param reason the words after "because"
 */
public record Verdict(String face, String reason) {

    /** The verdict for a run. */
    public static Verdict of(RunResult result) {
        if (interrupted(result)) {
            return new Verdict(":(", "the run was interrupted");
        }
        boolean failed = result.any(TaskState.FAILED) || result.unhandledError().isPresent();
        boolean schedulingFailed = result.any(TaskState.SCHEDULING_FAILED);
        if (failed && schedulingFailed) {
            return new Verdict(":(", "there were failed tasks and tasks whose scheduling failed");
        }
        if (failed) {
            return new Verdict(":(", "there were failed tasks");
        }
        if (schedulingFailed) {
            return new Verdict(":(", "there were tasks whose scheduling failed");
        }
        if (result.any(TaskState.MISSING_EXTERNAL)) {
            return new Verdict(":|", "there were missing external dependencies");
        }
        if (result.any(TaskState.RUN_BY_OTHER_WORKER)) {
            return new Verdict(":|", "there were tasks being run by another worker");
        }
        if (result.outcomes().stream().anyMatch(TaskOutcome::succeededAfterRetry)) {
            return new Verdict(":)", "there were failed tasks but they all succeeded in a retry");
        }
        return new Verdict(":)", "there were no failed tasks or missing dependencies");
    }

    /** Whether the run was cancelled while it had tasks to run: some were stopped or never started. */
    private static boolean interrupted(RunResult result) {
        for (TaskOutcome o : result.outcomes()) {
            if (o.failure() == FailureReason.INTERRUPTED || o.reason() == PendingReason.RUN_INTERRUPTED) {
                return true;
            }
        }
        return false;
    }
}
