package io.cascata.core.run;

import io.cascata.core.TaskId;
import io.cascata.core.targets.Holder;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Keeps two processes from running the same roots at once, as Luigi's process lock does: a file
 * lock named after the root task ids and the working directory (relative outputs live there). The
 * operating system releases it if the process dies. The file says who holds it (host, pid, since
 * when), so that a refused run can name the holder; it is removed when the run ends, and files
 * that killed runs left are removed by the next run that takes a lock in the directory.
 */
final class RunLock implements AutoCloseable {

    private static final String SUFFIX = ".lock";
    /** How long a lock may be held by a process that has not yet named itself in the file. */
    private static final long SETTLE_NANOS = 2_000_000_000L;
    private static final long SETTLE_PAUSE_MILLIS = 20;
    /** The identity of a file on a file system that gives files none. */
    private static final Object NO_KEY = new Object();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock for these roots, or returns who holds it. */
    static Attempt tryAcquire(Path directory, List<TaskId> roots) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(name(roots) + SUFFIX);
        removeAbandoned(directory, file);
        long settleBy = System.nanoTime() + SETTLE_NANOS;
        while (true) {
            Object before = fileKey(file);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                Optional<String> holder = holder(file);
                if (holder.isPresent()) {
                    return new Attempt(Optional.empty(), holder.get());
                }
                // Locked but naming nobody: a holder between its lock and its first line, or another
                // run's clean-up of abandoned files, which locks each file for a moment (and then
                // deletes it when it was ours, just created). Either settles within moments.
                if (System.nanoTime() > settleBy) {
                    return new Attempt(Optional.empty(), "a process that has not written its name into " + file);
                }
                pause();
                continue;
            }
            // The previous holder, or another run's clean-up, removes the file while it holds the
            // lock; a lock taken on a file removed meanwhile locks nothing anyone else sees. Only
            // when the path named the same file before the open and after the lock is the lock
            // known to be on it (a file this run just created could have been removed and made
            // anew by another run in between): otherwise start again on the file there now.
            Object after = fileKey(file);
            if (after != null && after.equals(before)) {
                write(channel, "holder " + Holder.current().format() + "\nsince " + System.currentTimeMillis()
                        + "\nroots " + roots + "\n");
                return new Attempt(Optional.of(new RunLock(file, channel, lock)), "");
            }
            lock.release();
            channel.close();
        }
    }

    /** What a lock attempt found: the lock, or a description of who holds it. */
    record Attempt(Optional<RunLock> lock, String holder) {
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    /**
     * Writes who holds the lock through the locked channel itself: opening and closing the file
     * another way would release this process's lock on it (POSIX record locks belong to the
     * process and go with the first close of any descriptor of the file).
     */
    private static void write(FileChannel channel, String text) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
    }

    /**
     * The identity of the file at a path (device and inode), without opening it; null when absent,
     * {@link #NO_KEY} for a file on a file system that tells none (nothing to compare there).
     */
    private static Object fileKey(Path file) throws IOException {
        try {
            Object key = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            return key == null ? NO_KEY : key;
        } catch (NoSuchFileException absent) {
            return null;
        }
    }

    /**
     * Who holds a lock, from its file: {@code pid 12 on host since 2026-...}; empty while the file
     * is gone or does not name its holder yet.
     */
    private static Optional<String> holder(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            Optional<Holder> holder = lines.isEmpty() || !lines.get(0).startsWith("holder ")
                    ? Optional.empty() : Holder.parse(lines.get(0).substring(7));
            String since = lines.size() > 1 && lines.get(1).startsWith("since ")
                    ? " since " + Instant.ofEpochMilli(Long.parseLong(lines.get(1).substring(6).trim())) : "";
            return holder.map(h -> h.describe() + since);
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.of("another process (" + file + " cannot be read: " + e.getMessage() + ")");
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(SETTLE_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while taking the run lock");
        }
    }

    /** Removes the lock files of runs that ended without removing theirs (killed): those nobody holds. */
    private static void removeAbandoned(Path directory, Path mine) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                if (file.equals(mine)) {
                    continue;
                }
                Object before = fileKey(file);
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    FileLock lock = tryLock(channel);
                    if (lock != null && before != null && before.equals(fileKey(file))) {
                        Files.deleteIfExists(file); // while holding its lock, as its own holder would
                    }
                } catch (IOException | SecurityException e) {
                    // another user's file, or gone meanwhile: not ours to clear
                }
            }
        } catch (IOException e) {
            // nothing to clear
        }
    }

    private static String name(List<TaskId> roots) {
        TreeSet<String> ids = new TreeSet<>();
        ids.add("cwd:" + Path.of("").toAbsolutePath());
        for (TaskId id : roots) {
            ids.add(id.family() + ":" + id.hash());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", ids).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes the file while still holding the lock, then releases it. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
