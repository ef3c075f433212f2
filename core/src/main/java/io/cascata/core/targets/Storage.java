package io.cascata.core.targets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * A file system as targets use it: the few operations the one commit algorithm needs, over
 * locations given as strings (a local path, or a URI such as {@code hdfs://nn:9820/data}).
 * The local disk implements it in core; the Hadoop module implements it once for every scheme
 * Hadoop serves. Each implementation states how its directory rename behaves, which is what the
 * commit algorithm ({@link DirectoryCommit}) works from.
 */
public interface Storage {

    /** How renaming a directory onto a path that already exists behaves on this file system. */
    enum DirectoryRename {
        /**
         * Atomic; refused when the destination is a directory with entries, and an empty one is
         * replaced (POSIX rename(2): the local disk).
         */
        REFUSED_WHEN_DESTINATION_HAS_ENTRIES,
        /**
         * Atomic when the destination is absent; when it exists, the source is moved inside it
         * and the call still succeeds (HDFS and the other Hadoop file systems with real directories).
         */
        MOVED_INSIDE_EXISTING_DESTINATION,
        /**
         * Not atomic: a rename copies object by object (object stores such as S3). Directory
         * outputs are committed by a manifest instead of a rename.
         */
        NOT_ATOMIC
    }

    /** How this file system's directory rename behaves. */
    DirectoryRename directoryRename();

    /** The location as one canonical string: an absolute path or a fully qualified URI. */
    String qualify(String location);

    /** The location of a name inside a directory. */
    String child(String directory, String name);

    /** The directory a location is in, or empty at the root. */
    Optional<String> parent(String location);

    /** The last name of a location. */
    String name(String location);

    /** What is at a location, or empty when nothing is. */
    Optional<StorageEntry> stat(String location) throws IOException;

    /** The entries of a directory, in no particular order; none when it is absent. */
    List<StorageEntry> list(String directory) throws IOException;

    /** The bytes of a file. */
    InputStream open(String location) throws IOException;

    /** A new file, its parent directories created as needed; an existing file is replaced. */
    OutputStream create(String location) throws IOException;

    /**
     * Creates a file with the given bytes only if nothing is at the location, atomically;
     * returns false when something already was (the file-system-wide "create if absent").
     */
    boolean createExclusive(String location, byte[] content) throws IOException;

    /**
     * Discards a stream from {@link #create} without publishing what was written to it (object
     * stores publish a file when its stream closes; other file systems close it).
     */
    void discard(OutputStream stream, String location);

    /** Moves a file over another, replacing it; atomic where the file system can do it. */
    void renameFile(String from, String to) throws IOException;

    /**
     * Renames a directory with this file system's own semantics (see {@link #directoryRename()});
     * returns whether anything moved.
     */
    boolean renameDirectory(String from, String to) throws IOException;

    /** Deletes a file or a directory with everything in it; nothing happens when it is absent. */
    void delete(String location) throws IOException;

    /** Creates a directory and its parents. */
    void mkdirs(String directory) throws IOException;

    /**
     * Whether asking about one path costs a round trip to a server, so that completeness
     * checks should share one listing per directory ({@link ListingCache}) instead.
     */
    boolean remote();
}
