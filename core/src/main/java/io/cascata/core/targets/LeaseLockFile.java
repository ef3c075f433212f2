package io.cascata.core.targets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The file on the local disk whose one-byte regions are the leases of the outputs in one
 * directory ({@link LocalLease}): {@value #NAME} in that directory. It holds nothing but a count
 * (below): a region is locked with a record lock (fcntl), which needs no byte to exist, allocates
 * nothing per lease and is dropped by the kernel the moment its process ends, however it ends.
 *
 * <p>Record locks belong to a process, not to a channel: closing any channel on the file drops
 * every lock the process holds on it. So each lock file is opened once per process, through the
 * table below, and closed only when no run of the process uses it any more. That table is the one
 * piece of process-wide state here, and it only mirrors the kernel's, which is per process too.
 *
 * <p>A process that has the file open holds a shared lock on one byte of it ({@link #IN_USE}, a
 * byte no output's lease uses) for as long as it has it open. A run that ends deletes the file
 * only under a lock of the whole file, which it gets only while no other process has the file open
 * or holds a region of it; so the file a process locks regions of is never deleted under it, and
 * taking a lease is one system call. Only opening checks the path: the file may have been deleted
 * between the open and that first lock, and then it is opened anew. While a run holds the file
 * whole to delete it, a lease in it is refused as taken, and the driver asking tries again.
 *
 * <p>The file's first 8 bytes count the processes that opened it, each adding one under a lock
 * on another reserved byte ({@link #COUNTING}). A process that opened it first, into a directory
 * with nothing else in it that only its owner, who owns the file too, can write, and still finds
 * its own count there, knows that no other driver has opened the file since, and so, since the
 * file was never deleted meanwhile, that no other driver has taken a lease there
 * ({@link #untouchedSinceEmpty()}): the check of a task's outputs after taking its lease can then
 * be left out. It rests on every driver writing a task's outputs under the task's lease, which
 * drivers of this version do (one that cannot open the file cannot write the directory either).
 */
final class LeaseLockFile {

    /** The name of the lock file in a directory. */
    static final String NAME = ".cascata-leases";

    /** The byte held shared by every process that has the file open; above every lease's region. */
    static final long IN_USE = Long.MAX_VALUE - 1;
    /** The byte locked while a process adds itself to the count of openers. */
    static final long COUNTING = Long.MAX_VALUE - 2;
    /** The first reserved byte: every lease's region is below it. */
    static final long RESERVED = COUNTING;
    /** How long opening waits for another process adding itself to the count (a moment, normally). */
    private static final long COUNTING_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** What {@link #identityAt} says of a path that names no file. */
    private static final Object ABSENT = new Object();
    /** What {@link #identityAt} says of a file on a file system that tells no identity. */
    private static final Object PRESENT = new Object();

    private static final ConcurrentHashMap<Path, LeaseLockFile> OPEN = new ConcurrentHashMap<>();

    private final Path file;
    /** Guarded by this; null until first used. */
    private FileChannel channel;
    /** This process's shared lock on {@link #IN_USE} of the file {@link #channel} has open. */
    private FileLock inUse;
    /** The identity (device and inode) of the file {@link #channel} has open; null where the file system tells none. */
    private Object fileKey;
    /** Runs of this process using the file: guarded by the table's lock on this entry. */
    private int users;
    /** Whether more than one run of this process has joined the file (set at the second run's join). */
    private volatile boolean sharedInProcess;
    /** Whether this process opened the file first (its count is 1), into a directory with nothing else in it. */
    private volatile boolean firstIntoEmpty;
    /** Regions this process holds; guarded by this. */
    private int held;

    private LeaseLockFile(Path file) {
        this.file = file;
    }

    /**
     * The lock file of a directory, joined by one more run of this process; the directory is made
     * if need be. The table is keyed by the directory's real path: a directory reached through a
     * link as well as directly is one file, and a second channel on it would be refused its lock
     * and, closed, would drop every lock this process holds on the file.
     */
    static LeaseLockFile join(Path directory) throws IOException {
        Path real;
        try {
            real = directory.toRealPath();
        } catch (NoSuchFileException missing) {
            Files.createDirectories(directory);
            real = directory.toRealPath();
        }
        return OPEN.compute(real, (dir, open) -> {
            LeaseLockFile joined = open == null ? new LeaseLockFile(dir.resolve(NAME)) : open;
            if (open != null) {
                joined.sharedInProcess = true;
            }
            joined.users++;
            return joined;
        });
    }

    /**
     * Ends one run's use of the file. The last user closes it, and deletes it when no other process
     * has it open.
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
     * Locks one region without waiting: the lock, or empty when another process holds it (or holds
     * the whole file, to delete it).
     *
     * @throws OverlappingFileLockException when a run of this process holds it
     */
    synchronized Optional<FileLock> tryLock(long region) throws IOException {
        if (channel == null && !open()) {
            return Optional.empty();
        }
        FileLock lock = channel.tryLock(region, 1, false);
        if (lock == null) {
            return Optional.empty();
        }
        held++;
        return Optional.of(lock);
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
     * Opens the file, creating it if need be, and takes the shared lock on {@link #IN_USE}; false
     * when a run that is deleting the file holds it whole. The path is looked at before opening
     * and after that lock: only when both name the same file is the channel on the file the path
     * names, and from the lock on nobody deletes it.
     */
    private boolean open() throws IOException {
        while (true) {
            Object before = identityAt(file);
            FileChannel opened;
            try {
                opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (NoSuchFileException noDirectory) {
                Files.createDirectories(file.getParent());
                continue;
            }
            boolean kept = false;
            try {
                FileLock shared = opened.tryLock(IN_USE, 1, true);
                if (shared == null) {
                    return false;
                }
                if (before != ABSENT && before.equals(identityAt(file))) {
                    long count = countIn(opened);
                    if (count < 0) {
                        return false;
                    }
                    firstIntoEmpty = count == 1 && writableByItsOwnerAlone(file) && onlyFileIn(file.getParent());
                    channel = opened;
                    inUse = shared;
                    fileKey = before == PRESENT ? null : before;
                    kept = true;
                    return true;
                }
                // Just created, or deleted and made anew meanwhile: look again.
            } finally {
                if (!kept) {
                    // No lock of this process is on the file but the one just taken: closing is safe.
                    opened.close();
                }
            }
        }
    }

    /**
     * Adds this process to the file's count of openers; the count after it, or -1 when another
     * process held the counting byte past the wait (the caller gives up this open and tries later).
     */
    private static long countIn(FileChannel channel) throws IOException {
        long deadline = System.nanoTime() + COUNTING_WAIT_NANOS;
        FileLock counting;
        while ((counting = channel.tryLock(COUNTING, 1, false)) == null) {
            if (System.nanoTime() > deadline) {
                return -1;
            }
            LockSupport.parkNanos(100_000);
        }
        try {
            long count = readCount(channel);
            // A count that cannot be read (a file cut short) is taken as others having been here.
            long next = count < 0 ? 2 : count + 1;
            ByteBuffer bytes = ByteBuffer.allocate(Long.BYTES).putLong(0, next);
            while (bytes.hasRemaining()) {
                channel.write(bytes, bytes.position());
            }
            return next;
        } finally {
            counting.release();
        }
    }

    /** The count of openers in the file: 0 for an empty file, -1 for one shorter than a count. */
    private static long readCount(FileChannel channel) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(Long.BYTES);
        while (bytes.hasRemaining()) {
            if (channel.read(bytes, bytes.position()) < 0) {
                break;
            }
        }
        if (bytes.position() == 0) {
            return 0;
        }
        return bytes.hasRemaining() ? -1 : bytes.getLong(0);
    }

    /**
     * Whether the lease file's directory can be written only by its owner, who owns the file too:
     * then every driver that can write an output there can open the file, and is counted. A
     * directory others can write (a shared workspace) is not: a driver of another user might be
     * unable to open a file this one made.
     */
    private static boolean writableByItsOwnerAlone(Path file) {
        try {
            PosixFileAttributes directory = Files.readAttributes(file.getParent(), PosixFileAttributes.class);
            PosixFileAttributes lease = Files.readAttributes(file, PosixFileAttributes.class);
            Set<PosixFilePermission> permissions = directory.permissions();
            return !permissions.contains(PosixFilePermission.GROUP_WRITE) && !permissions.contains(PosixFilePermission.OTHERS_WRITE)
                    && directory.owner().equals(lease.owner());
        } catch (IOException | UnsupportedOperationException unknown) {
            return false;
        }
    }

    /** Whether a directory holds nothing but the lease file; reads only as far as a second entry. */
    private static boolean onlyFileIn(Path directory) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().equals(NAME)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether this process opened the file first, into a directory that held nothing else and that
     * only its owner can write, no other run of this process has joined it, and no other process
     * has opened it since. The file is not deleted while this process has it open, so then no
     * other driver has taken a lease in the directory since it was empty. One 8-byte read.
     */
    boolean untouchedSinceEmpty() throws IOException {
        FileChannel open = channel;
        return firstIntoEmpty && !sharedInProcess && open != null && readCount(open) == 1;
    }

    private void closeDeletingIfUnused() {
        if (channel == null) {
            return;
        }
        try {
            FileLock whole = null;
            try {
                // this process's own byte would stand in the way of the whole file in this JVM
                inUse.release();
                whole = channel.tryLock(0, Long.MAX_VALUE, false);
            } catch (OverlappingFileLockException | IOException stillLocked) {
                // another process has it open or holds a region of it: leave the file
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
        } catch (IOException e) {
            // an empty hidden file may stay behind; the next run that leases here removes it at its end
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the kernel drops the locks with the descriptor either way
            }
        }
    }

    /** The identity of the file at a path: its key, {@link #PRESENT} where there is none, or {@link #ABSENT}. */
    private static Object identityAt(Path file) throws IOException {
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return key == null ? PRESENT : key;
        } catch (NoSuchFileException gone) {
            return ABSENT;
        }
    }

    /** The identity (device and inode) of the file at a path, without opening it; null when absent or unknown. */
    static Object fileKeyAt(Path file) throws IOException {
        Object identity = identityAt(file);
        return identity == ABSENT || identity == PRESENT ? null : identity;
    }
}
