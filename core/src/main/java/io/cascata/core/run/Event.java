package io.cascata.core.run;

/** What the driver tells listeners about, named as Luigi's events are. */
public enum Event {
    /** A (task, required task) pair was found while walking the graph. */
    DEPENDENCY_DISCOVERED,
    /** A task was checked and found incomplete. */
    DEPENDENCY_MISSING,
    /** A task was checked and found complete. */
    DEPENDENCY_PRESENT,
    /** A task's requires() or complete() threw: it cannot be scheduled. */
    BROKEN_TASK,
    /** A task attempt is starting. */
    START,
    /** A task ran and its outputs are committed. */
    SUCCESS,
    /** A task attempt ran past its timeout and was stopped; the attempt's FAILURE follows. */
    TIMEOUT,
    /** A task attempt failed. */
    FAILURE,
    /** How long a successful run took. */
    PROCESSING_TIME
}
