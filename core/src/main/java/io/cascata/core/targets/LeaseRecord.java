package io.cascata.core.targets;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a lease file says: who holds it, which taking of the lease it is (a fresh instance each
 * time a lease is taken, so that a lease broken and taken again is never mistaken for the one
 * judged stale), how long it lives without renewal, since when it is held and for what task.
 *
 * @param holder the process holding it
 * @param instance unique to this taking of the lease
 * @param ttlMillis how long the lease lives without a renewal
 * @param sinceMillis when it was taken, in milliseconds since the epoch
 * @param what the task it is held for, for messages
 */
public record LeaseRecord(Holder holder, String instance, long ttlMillis, long sinceMillis, String what) {

    private static final String MAGIC = "cascata-lease 1";

    /** The file content. */
    public byte[] bytes() {
        return (MAGIC + "\nholder " + holder.format() + "\ninstance " + instance + "\nttl-ms " + ttlMillis
                + "\nsince-ms " + sinceMillis + "\ntask " + what + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Reads {@link #bytes()}; empty for anything else (a file still being written, say). */
    static Optional<LeaseRecord> parse(byte[] content) {
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", 6);
        if (lines.length < 6 || !lines[0].equals(MAGIC)) {
            return Optional.empty();
        }
        try {
            Optional<Holder> holder = Holder.parse(value(lines[1], "holder"));
            if (holder.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new LeaseRecord(holder.get(), value(lines[2], "instance"),
                    Long.parseLong(value(lines[3], "ttl-ms")), Long.parseLong(value(lines[4], "since-ms")),
                    value(lines[5], "task").strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String value(String line, String key) {
        if (!line.startsWith(key + " ")) {
            throw new IllegalArgumentException("no " + key);
        }
        return line.substring(key.length() + 1);
    }
}
