package io.cascata.core.targets;

import java.io.IOException;
import java.nio.channels.FileLock;

/**
 * A lease on an output on the local disk: a record lock on one byte of its directory's lease
 * file ({@link LeaseLockFile}), at an offset given by the output's name. Taking and releasing it
 * are a system call each: no file is created or deleted per task, which on a graph of a million
 * small tasks would cost as much as writing their outputs. The kernel ends the lease when its
 * process ends, however it ends, so it needs no renewal and no time to live; a process that is
 * alive but stopped keeps it.
 */
public final class LocalLease implements TaskLease {

    private final LeaseLockFile file;
    private final FileLock lock;
    private final String name;

    LocalLease(LeaseLockFile file, FileLock lock, String name) {
        this.file = file;
        this.lock = lock;
        this.name = name;
    }

    /**
     * The byte of the lease file that stands for an output's name: a 64-bit hash (FNV-1a, then
     * mixed), so that two names of one directory meet only with a chance of about n²/2⁶³; if
     * they do, one task merely waits for the other.
     */
    static long regionOf(String name) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (h & Long.MAX_VALUE) % LeaseLockFile.RESERVED; // below the lease file's reserved bytes
    }

    /**
     * Whether no output can have appeared in the lease's directory since this process opened its
     * lease file, other than by this run: see {@link LeaseLockFile#untouchedSinceEmpty()}.
     */
    public boolean untouchedSinceEmpty() throws IOException {
        return file.untouchedSinceEmpty();
    }

    @Override
    public String location() {
        return file.file() + " (the lease of " + name + ")";
    }

    @Override
    public void release() throws IOException {
        file.release(lock);
    }
}
