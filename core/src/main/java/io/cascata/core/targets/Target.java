package io.cascata.core.targets;

/** Something a task produces, which either exists or not. A task is done when all its outputs exist. */
public interface Target {

    /** Whether the output is there and complete. */
    boolean exists();

    /** Where it lives, for logs and messages: a path or URI. */
    String location();
}
