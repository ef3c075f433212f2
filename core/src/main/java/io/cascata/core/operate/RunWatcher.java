package io.cascata.core.operate;

import io.cascata.core.run.TaskListener;

/**
 * Something that follows one command-line run from its start to its end, such as the status
 * page: it receives the run's task events, then the ended run, then is closed.
 */
public interface RunWatcher extends TaskListener, RunEndHook, AutoCloseable {

    /** Releases what it holds (a server, threads); never throws. */
    @Override
    void close();
}
