package io.cascata.core.targets;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A directory of files on the local disk, complete when its {@value #SUCCESS} marker exists. It
 * is written as a whole: files go into a hidden temporary directory, the marker is written last,
 * and the directory is renamed into place in one step.
 */
public final class LocalDirectoryTarget implements DirectoryTarget {

    private final Path path;

    private LocalDirectoryTarget(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    public static LocalDirectoryTarget of(String path) {
        return new LocalDirectoryTarget(Path.of(path));
    }

    public static LocalDirectoryTarget of(Path path) {
        return new LocalDirectoryTarget(path);
    }

    public Path path() {
        return path;
    }

    @Override
    public boolean exists() {
        return Files.exists(path.resolve(SUCCESS));
    }

    @Override
    public String location() {
        return path.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocalDirectoryTarget t && t.path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return "LocalDirectoryTarget(" + path + ")";
    }

    @Override
    public List<LocalTarget> files() throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && !name.startsWith("_") && Files.isRegularFile(entry)) {
                    found.add(entry);
                }
            }
        }
        found.sort(null);
        List<LocalTarget> out = new ArrayList<>(found.size());
        for (Path p : found) {
            out.add(LocalTarget.of(p, Format.PLAIN));
        }
        return out;
    }

    /**
     * Starts writing the directory. Close the returned output to publish it (or, inside a task,
     * to publish it when the task succeeds); {@link DirectoryOutput#abort()} discards it.
     */
    @Override
    public DirectoryOutput openDirectory() throws IOException {
        Path temp = TempNames.sibling(path);
        Files.createDirectories(temp);
        return new DirectoryOutput(temp);
    }

    /** A directory being written at a temporary place. */
    public final class DirectoryOutput implements StagedDirectory {

        private final Path temp;
        private boolean closed;

        private DirectoryOutput(Path temp) {
            this.temp = temp;
        }

        /** The temporary directory, for code that writes files itself (a Beam stage, say). */
        public Path path() {
            return temp;
        }

        @Override
        public String temporaryLocation() {
            return temp.toAbsolutePath().toString();
        }

        /** A plain stream for one file of the directory. */
        public OutputStream create(String name) throws IOException {
            return Files.newOutputStream(temp.resolve(name));
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            Files.createFile(temp.resolve(SUCCESS));
            OutputTransaction.stage(this);
        }

        @Override
        public void commit() throws IOException {
            if (Files.exists(path)) {
                // A directory without the marker is a leftover of a failed earlier writer.
                deleteTree(path);
            }
            if (path.toAbsolutePath().getParent() != null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
            }
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                abort();
                throw new IOException("cannot move " + temp + " into place at " + path + ": " + e, e);
            }
        }

        @Override
        public void abort() {
            closed = true;
            try {
                deleteTree(temp);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove temporary directory " + temp, e);
            }
        }

        @Override
        public String location() {
            return path.toString();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
