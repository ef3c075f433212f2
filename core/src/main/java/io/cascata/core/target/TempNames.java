package io.cascata.core.target;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names for temporary siblings: hidden (leading dot), so listings and globs skip them, and
 * unique per attempt, so concurrent or retried writers never share one.
 */
public final class TempNames {

    /** Part of every temporary name, to recognise leftovers of killed writers. */
    public static final String MARKER = ".cascata-tmp-";

    private TempNames() {
    }

    /** A fresh temporary name in the same directory as the final path. */
    public static Path sibling(Path finalPath) {
        Path name = finalPath.getFileName();
        String temp = "." + name + MARKER + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
        Path parent = finalPath.toAbsolutePath().getParent();
        return parent == null ? Path.of(temp) : parent.resolve(temp);
    }

    /** The same naming for a path given as a string (for file systems with their own path types). */
    public static String siblingName(String finalName) {
        return "." + finalName + MARKER + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
    }
}
