package io.cascata.core.run;

/**
 * Why a task was left pending, in Luigi's priority order: when several apply, the first wins.
 */
public enum PendingReason {
    UPSTREAM_FAILURE("had failed dependencies"),
    UPSTREAM_MISSING_DEPENDENCY("had missing dependencies"),
    UPSTREAM_RUN_BY_OTHER_WORKER("had dependencies that were being run by other worker"),
    UPSTREAM_SCHEDULING_ERROR("had dependencies whose scheduling failed"),
    /** The run was cancelled before the task could start. */
    RUN_INTERRUPTED("were not started because the run was interrupted");

    private final String words;

    PendingReason(String words) {
        this.words = words;
    }

    /** The summary's wording. */
    public String words() {
        return words;
    }

    /** The reason a dependent inherits from a dependency that ended in a state. */
    static PendingReason from(TaskState state, PendingReason dependencyReason) {
        return switch (state) {
            case FAILED -> UPSTREAM_FAILURE;
            case MISSING_EXTERNAL -> UPSTREAM_MISSING_DEPENDENCY;
            case RUN_BY_OTHER_WORKER -> UPSTREAM_RUN_BY_OTHER_WORKER;
            case SCHEDULING_FAILED -> UPSTREAM_SCHEDULING_ERROR;
            case PENDING -> dependencyReason;
            default -> null;
        };
    }

    /** The higher-priority of two reasons (either may be null). */
    static PendingReason stronger(PendingReason a, PendingReason b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
