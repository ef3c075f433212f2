package io.cascata.core.targets;

import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run's leases on the local disk ({@link LocalLease}): takes them, names who holds one that
 * is taken, and at the end of the run lets go of the lease files of every directory it used
 * (deleting those nobody else uses).
 */
public final class LocalLeases implements AutoCloseable {

    private final ConcurrentHashMap<Path, LeaseLockFile> used = new ConcurrentHashMap<>();

    /** The lease file a lease on an output would be in. */
    public static Path leaseFileOf(Path output) {
        return directoryOf(output).resolve(LeaseLockFile.NAME);
    }

    /**
     * Takes the lease on an output without waiting; empty when another process, or another run in
     * this process, holds it.
     */
    public Optional<LocalLease> tryTake(Path output) throws IOException {
        Path directory = directoryOf(output);
        LeaseLockFile file = joined(directory);
        String name = output.getFileName().toString();
        Optional<FileLock> lock;
        try {
            lock = file.tryLock(LocalLease.regionOf(name));
        } catch (OverlappingFileLockException heldInThisProcess) {
            return Optional.empty();
        }
        return lock.map(l -> new LocalLease(file, l, name));
    }

    /**
     * The lease file of a directory, joined once by this run, at its first lease there: a second
     * join by the same run would count as another run of this process using the file.
     */
    private LeaseLockFile joined(Path directory) throws IOException {
        LeaseLockFile file = used.get(directory);
        if (file != null) {
            return file;
        }
        synchronized (used) {
            file = used.get(directory);
            if (file == null) {
                file = LeaseLockFile.join(directory);
                used.put(directory, file);
            }
            return file;
        }
    }

    /** Who holds the lease on an output, for messages: a process on this host when the system tells. */
    public String holderOf(Path output) {
        Path file = leaseFileOf(output);
        Optional<Long> pid = RecordLockHolders.holderOf(file, LocalLease.regionOf(output.getFileName().toString()));
        if (pid.isEmpty()) {
            return "another driver";
        }
        if (pid.get() == ProcessHandle.current().pid()) {
            return "another run in this process";
        }
        return "pid " + pid.get() + " on " + Holder.current().host()
                + (RecordLockHolders.stopped(pid.get()) ? " (stopped)" : "");
    }

    private static Path directoryOf(Path output) {
        Path absolute = output.toAbsolutePath().normalize();
        return absolute.getParent();
    }

    @Override
    public void close() {
        used.values().forEach(LeaseLockFile::leave);
        used.clear();
    }
}
