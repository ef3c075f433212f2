package io.cascata.core.targets;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * A process that holds a lock or a lease, as written into the lock or lease file so that others
 * can say who holds it and tell whether it is still alive: host, process id, when the process
 * started (so that a reused process id is not mistaken for the holder) and the per-process token
 * that {@link TempNames} also puts into temporary names.
 *
 * @param host the host name the process runs on
 * @param pid the process id
 * @param started when the process started, in milliseconds since the epoch (0 when unknown)
 * @param token the random per-process token
 */
public record Holder(String host, long pid, long started, String token) {

    private static final Holder CURRENT = new Holder(localHost(), ProcessHandle.current().pid(),
            ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L), TempNames.processToken());

    /** This process. */
    public static Holder current() {
        return CURRENT;
    }

    /** The name temporary files carry for this holder: its process id in base 36 and its token (see {@link TempNames}). */
    public String processTag() {
        return Long.toString(pid, 36) + token;
    }

    /**
     * Whether this holder is known to be gone: it ran on this host, and no process with its id
     * runs now, or the one that does started at another time (its id was reused). A holder on
     * another host is never known to be gone here.
     */
    public boolean goneFromThisHost() {
        if (!host.equals(CURRENT.host)) {
            return false;
        }
        if (pid == CURRENT.pid) {
            return started != CURRENT.started || !token.equals(CURRENT.token);
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> start = process.get().info().startInstant();
        // Start times are read at a coarse grain on some systems: allow a second either way.
        return started != 0 && start.isPresent() && Math.abs(start.get().toEpochMilli() - started) > 1000;
    }

    /** For messages: {@code pid 1234 on host}. */
    public String describe() {
        return "pid " + pid + " on " + host;
    }

    /** One line: {@code host pid started token}. */
    public String format() {
        return host + " " + pid + " " + started + " " + token;
    }

    /** Reads {@link #format()}; empty when the text is not one. */
    public static Optional<Holder> parse(String text) {
        String[] parts = text.trim().split(" ");
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Holder(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]), parts[3]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName().replace(' ', '_');
        } catch (java.io.IOException | SecurityException e) {
            return "localhost";
        }
    }
}
