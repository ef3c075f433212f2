package io.cascata.core.targets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which process holds a record lock, for messages: Linux lists every lock in {@code /proc/locks}
 * with its process id, the file's inode and the locked range. Elsewhere, or for a lock held on
 * another host of a network file system, the holder is unknown.
 */
final class RecordLockHolders {

    private static final Path LOCKS = Path.of("/proc/locks");

    private RecordLockHolders() {
    }

    /** The process holding a lock on the given byte of a file, if the system tells. */
    static Optional<Long> holderOf(Path file, long offset) {
        try {
            Object inode = Files.getAttribute(file, "unix:ino");
            return holderOf(Files.readAllLines(LOCKS), ((Number) inode).longValue(), offset);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException unknown) {
            return Optional.empty();
        }
    }

    /**
     * Reads lines such as {@code 3: POSIX  ADVISORY  WRITE 4242 08:01:123456 100 100}: id, kind,
     * mode, access, pid, device:inode, first and last byte ({@code EOF} for "to the end"). Lines of
     * processes waiting for a lock carry {@code ->} and are skipped.
     */
    static Optional<Long> holderOf(List<String> lines, long inode, long offset) {
        String inodeSuffix = ":" + inode;
        for (String line : lines) {
            if (line.contains("->")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || !f[1].equals("POSIX") && !f[1].equals("OFDLCK")) {
                continue;
            }
            if (!f[5].endsWith(inodeSuffix)) {
                continue;
            }
            try {
                long first = Long.parseLong(f[6]);
                long last = f[7].equals("EOF") ? Long.MAX_VALUE : Long.parseLong(f[7]);
                if (first <= offset && offset <= last) {
                    return Optional.of(Long.parseLong(f[4]));
                }
            } catch (NumberFormatException notALockLine) {
                // some other layout: skip it
            }
        }
        return Optional.empty();
    }

    /** Whether a process on this host is stopped (SIGSTOP, or held in a debugger). */
    static boolean stopped(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            char state = afterName > 0 && afterName + 2 < stat.length() ? stat.charAt(afterName + 2) : '?';
            return state == 'T' || state == 't';
        } catch (IOException | RuntimeException unknown) {
            return false;
        }
    }
}
