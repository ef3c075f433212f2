package io.cascata.core;

/**
 * Data made outside the pipeline. It is never run: when its output is missing, the driver
 * reports a missing external dependency and the tasks that need it stay pending.
 */
public interface ExternalTask extends Task {

    @Override
    default void run() {
        throw new IllegalStateException("external task " + id().display() + " cannot be run");
    }
}
