package io.cascata.core.targets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The local disk through NIO. Renames are {@code rename(2)}: atomic, replacing a file, and
 * refused for a directory whose destination has entries
 * ({@link Storage.DirectoryRename#REFUSED_WHEN_DESTINATION_HAS_ENTRIES}). Locations are paths,
 * relative to the working directory unless absolute; {@code file://} URIs are accepted too.
 */
public final class LocalStorage implements Storage {

    /** The one local disk; it holds no state. */
    public static final LocalStorage INSTANCE = new LocalStorage();

    private LocalStorage() {
    }

    /** The path of a location: a plain path, or a {@code file:} URI. */
    public static Path path(String location) {
        if (location.startsWith("file:")) {
            return Path.of(java.net.URI.create(location.startsWith("file://") || location.startsWith("file:/")
                    ? location : "file:" + location.substring(5)));
        }
        return Path.of(location);
    }

    @Override
    public DirectoryRename directoryRename() {
        return DirectoryRename.REFUSED_WHEN_DESTINATION_HAS_ENTRIES;
    }

    @Override
    public String qualify(String location) {
        return path(location).toAbsolutePath().normalize().toString();
    }

    @Override
    public String child(String directory, String name) {
        return path(directory).resolve(name).toString();
    }

    @Override
    public Optional<String> parent(String location) {
        Path parent = path(location).toAbsolutePath().getParent();
        return parent == null ? Optional.empty() : Optional.of(parent.toString());
    }

    @Override
    public String name(String location) {
        Path name = path(location).getFileName();
        return name == null ? "" : name.toString();
    }

    @Override
    public Optional<StorageEntry> stat(String location) throws IOException {
        Path p = path(location);
        try {
            BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class);
            return Optional.of(entry(p, attributes));
        } catch (NoSuchFileException | NotDirectoryException absent) {
            return Optional.empty();
        }
    }

    @Override
    public List<StorageEntry> list(String directory) throws IOException {
        List<StorageEntry> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path(directory))) {
            for (Path entry : entries) {
                try {
                    out.add(entry(entry, Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)));
                } catch (NoSuchFileException goneMeanwhile) {
                    // removed between the listing and the look: not there
                }
            }
        } catch (NoSuchFileException | NotDirectoryException absent) {
            return List.of();
        }
        return out;
    }

    private static StorageEntry entry(Path p, BasicFileAttributes attributes) {
        Path name = p.getFileName();
        return new StorageEntry(name == null ? "" : name.toString(), attributes.isDirectory(),
                attributes.isDirectory() ? 0 : attributes.size());
    }

    @Override
    public InputStream open(String location) throws IOException {
        return Files.newInputStream(path(location));
    }

    @Override
    public OutputStream create(String location) throws IOException {
        Path p = path(location);
        try {
            return Files.newOutputStream(p);
        } catch (NoSuchFileException missingParent) {
            // Creating parents only when needed saves two system calls per file on big graphs.
            Path parent = p.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            return Files.newOutputStream(p);
        }
    }

    @Override
    public boolean createExclusive(String location, byte[] content) throws IOException {
        Path p = path(location);
        try {
            Files.write(p, content, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        } catch (NoSuchFileException missingParent) {
            Files.createDirectories(p.toAbsolutePath().getParent());
            return createExclusive(location, content);
        }
    }

    @Override
    public void discard(OutputStream stream, String location) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // the file is deleted next; a failed close changes nothing
        }
        try {
            Files.deleteIfExists(path(location));
        } catch (IOException ignored) {
            // a leftover hidden temporary file never looks like output
        }
    }

    @Override
    public void renameFile(String from, String to) throws IOException {
        Files.move(path(from), path(to), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public boolean renameDirectory(String from, String to) throws IOException {
        try {
            Files.move(path(from), path(to), StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (DirectoryNotEmptyException | FileAlreadyExistsException | NoSuchFileException takenOrGone) {
            return false;
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " in one step (another file system?)", e);
        } catch (java.nio.file.FileSystemException e) {
            // rename(2) reports a non-empty destination as ENOTEMPTY or EEXIST, which NIO may pass on as is
            if (Files.isDirectory(path(to)) && Files.exists(path(from))) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void delete(String location) throws IOException {
        Path root = path(location);
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(root);
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public void mkdirs(String directory) throws IOException {
        Files.createDirectories(path(directory));
    }

    @Override
    public boolean remote() {
        return false;
    }
}
