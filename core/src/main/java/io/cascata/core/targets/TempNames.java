package io.cascata.core.targets;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Names for temporary siblings: hidden (leading dot), so listings and globs skip them, and
 * unique per attempt (this process's id and a counter), so concurrent or retried writers never
 * share one. Short names matter: on ext4, long random temporary names made big graphs measurably
 * slower (docs/benchmarks.md).
 */
public final class TempNames {

    /** Part of every temporary name, to recognise leftovers of killed writers. */
    public static final String MARKER = ".cascata-tmp-";

    private static final String PROCESS = Long.toString(ProcessHandle.current().pid(), 36);
    private static final AtomicLong COUNTER = new AtomicLong();

    private TempNames() {
    }

    /** A fresh temporary name in the same directory as the final path. */
    public static Path sibling(Path finalPath) {
        String temp = siblingName(finalPath.getFileName().toString());
        Path parent = finalPath.toAbsolutePath().getParent();
        return parent == null ? Path.of(temp) : parent.resolve(temp);
    }

    /** The same naming for a path given as a string (for file systems with their own path types). */
    public static String siblingName(String finalName) {
        return "." + finalName + MARKER + PROCESS + "-" + Long.toString(COUNTER.incrementAndGet(), 36);
    }
}
