package io.cascata.core.targets;

import java.io.IOException;

/**
 * A lease a driver holds on a task's output while it runs the task, so that no other driver runs
 * it at the same time: a {@link Lease} file on a shared file system such as HDFS, or a
 * {@link LocalLease} record lock on the local disk.
 */
public interface TaskLease {

    /** Where the lease is, for messages. */
    String location();

    /** Gives the lease up, unless another driver has taken it over meanwhile. */
    void release() throws IOException;
}
