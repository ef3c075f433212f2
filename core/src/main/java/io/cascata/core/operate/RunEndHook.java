package io.cascata.core.operate;

/**
 * Something a module does once a command-line run has ended and its exit code is decided, such
 * as sending notifications. Found through {@link java.util.ServiceLoader}; an exception it
 * throws is logged and changes nothing about the run.
 */
@FunctionalInterface
public interface RunEndHook {

    void runEnded(FinishedRun run);
}
