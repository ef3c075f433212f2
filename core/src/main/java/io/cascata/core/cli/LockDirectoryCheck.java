package io.cascata.core.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks the run lock's directory before anything runs: a path that is (or lies under) something
 * other than a directory cannot hold locks, and the run would otherwise fail with a bare file
 * system error. Only the path's shape is checked; the lock itself makes the directory.
 */
final class LockDirectoryCheck {

    private LockDirectoryCheck() {
    }

    /** What is wrong with the directory, in one line naming it; empty when it is usable or can be made. */
    static Optional<String> problem(Path directory) {
        for (Path p = directory.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p)) {
                return Optional.empty();
            }
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p)) {
                String what = p.equals(directory.toAbsolutePath()) ? "is a file" : "lies under " + p + ", a file";
                return Optional.of("lock directory " + directory + " (--lock-dir, [core] lock-dir) " + what
                        + ", not a directory; give a directory, or --no-lock");
            }
        }
        return Optional.empty();
    }
}
