package io.cascata.core.targets;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The file on the local disk whose one-byte regions are the leases of the outputs in one
 * directory ({@link LocalLease}): {@value #NAME} in that directory. It stays empty: a region is
 * locked with a record lock (fcntl), which needs no byte to exist, allocates nothing on the disk
 * and is dropped by the kernel the moment its process ends, however it ends.
 *
 * <p>Record locks belong to a process, not to a channel: closing any channel on the file drops
 * every lock the process holds on it. So each lock file is opened once per process, through the
 * table below, and closed only when no run of the process uses it any more. That table is the one
 * piece of process-wide state here, and it only mirrors the kernel's, which is per process too.
 *
 * <p>A run that ends deletes the file when nobody holds a region of it (it locks the whole file
 * first, so no process can take a region meanwhile). A process that opened the file before it was
 * deleted finds that out after locking a region (the path no longer names the file it locked),
 * and opens the file anew.
 */
final class LeaseLockFile {

    /** The name of the lock file in a directory. */
    static final String NAME = ".cascata-leases";

    private static final ConcurrentHashMap<Path, LeaseLockFile> OPEN = new ConcurrentHashMap<>();

    private final Path file;
    /** Guarded by this; null until first used, and again after the file was found replaced. */
    private FileChannel channel;
    /** The identity (device and inode) of the file {@link #channel} has open; null where the file system tells none. */
    private Object fileKey;
    /** Channels on files found deleted while this process still held regions of them; closed last. */
    private final List<FileChannel> retired = new ArrayList<>();
    /** Runs of this process using the file: guarded by the table's lock on this entry. */
    private int users;
    /** Regions this process holds; guarded by this. */
    private int held;

    private LeaseLockFile(Path file) {
        this.file = file;
    }

    /** The lock file of a directory, joined by one more run of this process. */
    static LeaseLockFile join(Path directory) {
        return OPEN.compute(directory.toAbsolutePath().normalize(), (dir, open) -> {
            LeaseLockFile joined = open == null ? new LeaseLockFile(dir.resolve(NAME)) : open;
            joined.users++;
            return joined;
        });
    }

    /**
     * Ends one run's use of the file. The last user closes it and deletes it when no process holds
     * a region of it.
     */
    void leave() {
        OPEN.computeIfPresent(file.getParent(), (dir, open) -> {
            if (open != this) {
                return open;
            }
            users--;
            return closeIfUnused() ? null : this;
        });
    }

    /** Closes the file when no run of this process uses it or holds a region; whether it did. */
    private synchronized boolean closeIfUnused() {
        if (users > 0 || held > 0) {
            return false;
        }
        closeDeletingIfUnused();
        return true;
    }

    /** Where the file is. */
    Path file() {
        return file;
    }

    /**
     * Locks one region without waiting: the lock, or empty when another process holds it.
     *
     * @throws OverlappingFileLockException when a run of this process holds it
     */
    synchronized Optional<FileLock> tryLock(long region) throws IOException {
        while (true) {
            if (channel == null) {
                open();
            }
            FileLock lock = channel.tryLock(region, 1, false);
            if (lock == null) {
                return Optional.empty();
            }
            if (fileKey == null || fileKey.equals(fileKeyAt(file))) {
                held++;
                return Optional.of(lock);
            }
            // Deleted by a run that found it unused after this process had opened it.
            lock.release();
            if (held == 0) {
                channel.close();
            } else {
                retired.add(channel);
            }
            channel = null;
        }
    }

    /** Releases a region {@link #tryLock} returned. */
    void release(FileLock lock) throws IOException {
        boolean last;
        synchronized (this) {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
            } finally {
                held--;
            }
            last = held == 0;
        }
        if (last) {
            // A run that ended while one of its attempts still held a region left the file open.
            OPEN.computeIfPresent(file.getParent(), (dir, open) -> open == this && closeIfUnused() ? null : open);
        }
    }

    /**
     * Opens the file, creating it (and its directory) if need be, and records which file it is. The
     * path is looked at before and after opening: only when both name the same file is the channel
     * known to be on the file the path names.
     */
    private void open() throws IOException {
        while (true) {
            Object before = fileKeyAt(file);
            FileChannel opened;
            try {
                opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (NoSuchFileException noDirectory) {
                Files.createDirectories(file.getParent());
                continue;
            }
            Object after = fileKeyAt(file);
            if (before != null && before.equals(after) || before == null && after == null && Files.exists(file)) {
                // (the second case: a file system that tells no file identity; nothing to compare)
                channel = opened;
                fileKey = after;
                return;
            }
            // Just created (or replaced meanwhile): no lock of this process is on it, so closing is safe.
            opened.close();
        }
    }

    private void closeDeletingIfUnused() {
        try {
            if (channel != null) {
                FileLock whole = null;
                try {
                    whole = channel.tryLock(0, Long.MAX_VALUE, false);
                } catch (OverlappingFileLockException | IOException inUse) {
                    // a region of it is still locked: leave the file
                }
                if (whole != null) {
                    try {
                        if (fileKey != null && fileKey.equals(fileKeyAt(file))) {
                            Files.deleteIfExists(file);
                        }
                    } finally {
                        whole.release();
                    }
                }
                channel.close();
            }
            for (FileChannel old : retired) {
                old.close();
            }
        } catch (IOException e) {
            // an empty hidden file may stay behind; the next run that leases here removes it at its end
        }
    }

    /** The identity (device and inode) of the file at a path, without opening it; null when absent. */
    static Object fileKeyAt(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException gone) {
            return null;
        }
    }
}
