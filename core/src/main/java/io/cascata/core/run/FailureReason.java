package io.cascata.core.run;

/** Why a failed task failed, for the summary's sub-groups and the summary JSON. */
public enum FailureReason {
    /** Its last attempt threw (or left an output missing). */
    ERROR("failed with an error"),
    /** Its last attempt ran longer than its timeout and was stopped. */
    TIMED_OUT("timed out"),
    /** A task it required while running ({@link ExecutionContext#require}) did not complete. */
    REQUIREMENT_FAILED("had failed dependencies required while running"),
    /** The run was cancelled (Ctrl-C, SIGTERM) while it ran or waited for a retry. */
    INTERRUPTED("were interrupted");

    private final String words;

    FailureReason(String words) {
        this.words = words;
    }

    /** The summary's wording. */
    public String words() {
        return words;
    }
}
