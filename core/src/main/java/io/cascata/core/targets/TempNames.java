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

    private static final String PROCESS = Long.toString(ProcessHandle.current().pid(), 36)
            + Integer.toString(new SecureRandom().nextInt(36 * 36 * 36), 36);
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

    private static String unique() {
        return PROCESS + "-" + Long.toString(COUNTER.incrementAndGet(), 36);
    }
}
