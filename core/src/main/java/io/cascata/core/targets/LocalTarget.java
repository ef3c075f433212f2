package io.cascata.core.targets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * A file on the local disk. Writes go to a hidden temporary sibling and are renamed into place
 * atomically; missing parent directories are created.
 */
public final class LocalTarget extends FileTarget {

    private final Path path;

    private LocalTarget(Path path, Format format) {
        super(format);
        this.path = Objects.requireNonNull(path, "path");
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

    @Override
    public boolean exists() {
        return Files.exists(path);
    }

    @Override
    public String location() {
        return path.toString();
    }

    @Override
    protected InputStream openStoredInput() throws IOException {
        return Files.newInputStream(path);
    }

    @Override
    protected StagedFile stageNewFile() throws IOException {
        Path temp = TempNames.sibling(path);
        OutputStream stream;
        try {
            stream = Files.newOutputStream(temp);
        } catch (NoSuchFileException missingParent) {
            // Creating parents only when needed saves two system calls per file on big graphs.
            Files.createDirectories(temp.getParent());
            stream = Files.newOutputStream(temp);
        }
        return new LocalStagedFile(temp, path, stream);
    }

    /** Deletes the file if present (for tasks that need to clear a stale output themselves). */
    public void remove() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + path, e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocalTarget t && t.path.equals(path) && t.format() == format();
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    private record LocalStagedFile(Path temp, Path destination, OutputStream stream) implements StagedFile {

        @Override
        public void commit() throws IOException {
            try {
                Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                abort();
                throw new IOException("cannot move " + temp + " into place at " + destination + ": " + e, e);
            }
        }

        @Override
        public void abort() {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover hidden temporary file never looks like the output
            }
        }

        @Override
        public String location() {
            return destination.toString();
        }
    }
}
