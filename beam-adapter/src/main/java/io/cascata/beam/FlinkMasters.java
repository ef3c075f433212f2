package io.cascata.beam;

/**
 * What a Flink master address means. Beam's bracketed values ({@code [local]}, {@code [auto]},
 * {@code [collection]}) name an environment inside this JVM, or the one {@code flink run}
 * provides; anything else is a session cluster's REST address, to be reached over HTTP.
 */
final class FlinkMasters {

    /** The embedded Flink, Cascata's default. */
    static final String LOCAL = "[local]";

    private FlinkMasters() {
    }

    /** Whether the address names a cluster elsewhere (which is probed, and is sent the jar) rather than an environment here. */
    static boolean remote(String flinkMaster) {
        String m = flinkMaster.trim();
        return !(m.startsWith("[") && m.endsWith("]"));
    }
}
