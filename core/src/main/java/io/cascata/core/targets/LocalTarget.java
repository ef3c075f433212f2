package io.cascata.core.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link FileTarget} on the local disk, with its {@link Path}. Writes go to a hidden temporary
 * sibling and are renamed into place atomically; missing parent directories are created.
 */
public final class LocalTarget extends FileTarget {

    private final Path path;

    private LocalTarget(Path path, Format format) {
        super(LocalStorage.INSTANCE, checked(path).toString(), format);
        this.path = path;
    }

    /** An empty path would name the working directory, which exists: the task would never run. */
    private static Path checked(Path path) {
        if (path.toString().isEmpty()) {
            throw new IllegalArgumentException("a file target needs a path, and the one given is empty");
        }
        return path;
    }

    /** A plain file at a path, relative to the working directory unless absolute. */
    public static LocalTarget of(String path) {
        return new LocalTarget(Path.of(path), Format.PLAIN);
    }

    /** A file at a path with a storage format. */
    public static LocalTarget of(String path, Format format) {
        return new LocalTarget(Path.of(path), format);
    }

    /** A file at a path with a storage format. */
    public static LocalTarget of(Path path, Format format) {
        return new LocalTarget(path, format);
    }

    public Path path() {
        return path;
    }

    /**
     * Local existence is one cheap system call, so a graph discovery shares no listing for it;
     * a cache that serves the local disk ({@link ListingCache#everyStorage()}, as a date range
     * uses) answers from one listing of the directory.
     */
    @Override
    public boolean exists() {
        java.util.Optional<ListingCache> cache = ListingCache.current();
        if (cache.isPresent() && cache.get().serves(storage())) {
            return super.exists();
        }
        return Files.exists(path) && notADirectory(Files.isDirectory(path));
    }

    /** Deletes the file if present (for tasks that need to clear a stale output themselves). */
    public void remove() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + path, e);
        }
    }
}
