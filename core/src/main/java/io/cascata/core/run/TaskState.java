package io.cascata.core.run;

/** Where a task ended up in a run; each maps to one group of the Execution Summary. */
public enum TaskState {
    /** Complete before this run started. */
    ALREADY_DONE,
    /** Ran in this run and succeeded. */
    COMPLETED,
    /** Ran and failed (every attempt). */
    FAILED,
    /** requires() or complete() threw, or the task is part of a dependency cycle. */
    SCHEDULING_FAILED,
    /** An external task whose data is missing. */
    MISSING_EXTERNAL,
    /** Held by another process (its run lock is taken). */
    RUN_BY_OTHER_WORKER,
    /** Not run because something upstream did not complete; see {@link PendingReason}. */
    PENDING
}
