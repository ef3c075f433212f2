package io.cascata.core.targets;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Names for the temporary places outputs are written at: hidden (leading dot), so listings and
 * globs skip them, and unique per attempt across processes and hosts (this process's id, a
 * random token drawn once per process, and a counter), so concurrent or retried writers never
 * share one. Short names matter: on ext4, long random temporary names made big graphs measurably
 * slower (docs/benchmarks.md).
 */
public final class TempNames {

    /** Part of every temporary name, to recognise leftovers of killed writers. */
    public static final String MARKER = ".cascata-tmp-";

    /** The prefix of an attempt's directory inside a directory output on an object store. */
    public static final String ATTEMPT_PREFIX = "_attempt-";

    /** Always three base-36 digits, so that a name's process part splits into pid and token. */
    private static final String TOKEN = Integer.toString(36 * 36 + new SecureRandom().nextInt(36 * 36 * 35), 36);
    private static final String PROCESS = Long.toString(ProcessHandle.current().pid(), 36) + TOKEN;
    private static final AtomicLong COUNTER = new AtomicLong();

    private TempNames() {
    }

    /** A fresh hidden temporary name for a sibling of the final name. */
    public static String siblingName(String finalName) {
        return "." + finalName + MARKER + unique();
    }

    /** A fresh name for an attempt's directory inside a directory output. */
    public static String attemptName() {
        return ATTEMPT_PREFIX + unique();
    }

    /** This process's random token, three base-36 digits. */
    static String processToken() {
        return TOKEN;
    }

    /**
     * The process part ({@code <pid base 36><token>}) of a temporary name made by
     * {@link #siblingName} or {@link #attemptName}; empty for other names.
     */
    public static java.util.Optional<String> processTag(String name) {
        int at = name.indexOf(MARKER);
        int start = at >= 0 ? at + MARKER.length() : name.startsWith(ATTEMPT_PREFIX) ? ATTEMPT_PREFIX.length() : -1;
        if (start < 0) {
            return java.util.Optional.empty();
        }
        int dash = name.indexOf('-', start);
        if (dash - start < 4) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(name.substring(start, dash));
    }

    private static String unique() {
        return PROCESS + "-" + Long.toString(COUNTER.incrementAndGet(), 36);
    }
}
