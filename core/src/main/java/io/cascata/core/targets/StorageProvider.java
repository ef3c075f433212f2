package io.cascata.core.targets;

import java.util.Optional;

/**
 * Serves the file systems of a module: the Hadoop module serves every scheme Hadoop has a file
 * system for. Found with {@link java.util.ServiceLoader}; the local disk needs none.
 */
public interface StorageProvider {

    /** The storage for a location with a scheme (e.g. {@code hdfs}), if this provider serves it. */
    Optional<Storage> forLocation(String scheme, String location);
}
