package io.cascata.core.targets;

import java.io.IOException;

/**
 * A directory of files that is complete when its {@code _SUCCESS} marker exists, written as a
 * whole: at a temporary place first, then moved into place in one step. Local disks and HDFS
 * each implement it; Beam stages write their outputs through it.
 */
public interface DirectoryTarget extends Target {

    /** The marker file that says the directory is complete. */
    String SUCCESS = "_SUCCESS";

    /** The data files, sorted by name: everything but the marker and hidden or underscore names. */
    java.util.List<? extends FileTarget> files() throws IOException;

    /** Starts writing the directory at a fresh temporary place. */
    StagedDirectory openDirectory() throws IOException;

    /**
     * A directory being written. Closing it writes the marker and publishes it (inside a task,
     * when the task succeeds); {@link #abort()} discards it.
     */
    interface StagedDirectory extends StagedOutput, AutoCloseable {

        /** Where to write the files now: a path or URI that file systems and Beam understand. */
        String temporaryLocation();

        @Override
        void close() throws IOException;
    }
}
