package io.cascata.core.targets;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lease on one output: while a process holds it, no other process runs the task that writes
 * the output. It is a hidden sibling file ({@code .name.cascata-lease}, beside the output, as
 * {@link CommitLock} is) created with the file system's atomic create-if-absent, holding a
 * {@link LeaseRecord}. The holder renews it by touching it (its modification time is the
 * heartbeat) and removes it on release. A lease whose holder is gone is broken by the next
 * process that wants it: see {@link Sighting#stale()} for when, and {@link #breakStale} for how
 * two processes breaking the same lease at once are kept from both winning.
 */
public final class Lease implements TaskLease {

    /** Ends the name of a lease file. */
    public static final String SUFFIX = ".cascata-lease";
    /** Begins the part of a name that marks a lease being broken (followed by the instance). */
    static final String BREAKING = ".cascata-lease-break-";

    /** A break marker this old, whose creator cannot be checked, was left by a breaker that died. */
    static final Duration MARKER_ABANDONED = Duration.ofSeconds(30);

    private static final AtomicLong TAKEN = new AtomicLong();

    private final Storage storage;
    private final String location;
    private final LeaseRecord record;

    private Lease(Storage storage, String location, LeaseRecord record) {
        this.storage = storage;
        this.location = location;
        this.record = record;
    }

    /** Where the lease of an output lives: a hidden sibling of the output. */
    public static String locationFor(Storage storage, String output) throws IOException {
        String parent = storage.parent(output).orElseThrow(() -> new IOException(output + ": no parent directory"));
        return storage.child(parent, "." + storage.name(output) + SUFFIX);
    }

    /** Takes the lease at a location if nobody holds it; empty when somebody does. */
    public static Optional<Lease> tryTake(Storage storage, String location, Duration ttl, String what) throws IOException {
        Holder me = Holder.current();
        LeaseRecord record = new LeaseRecord(me, me.processTag() + "-" + Long.toString(TAKEN.incrementAndGet(), 36)
                + "-" + Long.toString(System.nanoTime() & 0xffffffffL, 36), ttl.toMillis(), System.currentTimeMillis(), what);
        if (storage.createExclusive(location, record.bytes())) {
            return Optional.of(new Lease(storage, location, record));
        }
        return Optional.empty();
    }

    /** A look at the lease at a location; empty when there is none. */
    public static Optional<Sighting> look(Storage storage, String location) throws IOException {
        long modified = storage.modifiedTime(location);
        if (modified < 0) {
            return Optional.empty();
        }
        Optional<LeaseRecord> record;
        try (InputStream in = storage.open(location)) {
            record = LeaseRecord.parse(in.readAllBytes());
        } catch (IOException unreadable) {
            // Released meanwhile (each file system reports that its own way), or still being
            // written: a file being created may not be readable yet on HDFS.
            if (storage.modifiedTime(location) < 0) {
                return Optional.empty();
            }
            record = Optional.empty();
        }
        return Optional.of(new Sighting(record, modified, System.nanoTime()));
    }

    /**
     * Removes a lease judged stale, unless it changed since it was seen. Of several processes
     * breaking the same lease at once, only the one that creates the instance's break marker
     * (atomically) goes on; it checks that the lease still is that instance (only its holder,
     * judged gone, or the marker's creator could change it), then deletes it, then its marker.
     * A marker whose creator died in between is never deleted by another breaker (two could
     * then both go on): the next breaker moves on to the instance's next marker instead.
     * Returns whether it removed the lease; either way the caller tries to take it again.
     */
    public static boolean breakStale(Storage storage, String location, Sighting stale, Duration fallbackTtl)
            throws IOException {
        byte[] me = Holder.current().format().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int generation = 1; ; generation++) {
            String marker = location + "-break-" + stale.instance() + "." + generation; // .name.cascata-lease-break-…
            if (storage.createExclusive(marker, me)) {
                try {
                    Optional<Sighting> now = look(storage, location);
                    if (now.isPresent() && now.get().instance().equals(stale.instance())) {
                        storage.delete(location);
                        return true;
                    }
                    return false;
                } finally {
                    storage.delete(marker);
                }
            }
            if (!markerAbandoned(storage, marker, stale.ttlMillis(fallbackTtl))) {
                return false; // another process is breaking it right now
            }
        }
    }

    /**
     * Whether a break marker was left by a breaker that died: gone from this host, or older than
     * {@link #MARKER_ABANDONED} and twice the lease's time to live. A break takes milliseconds;
     * the bound is long because a live breaker judged dead would break a lease taken meanwhile.
     */
    private static boolean markerAbandoned(Storage storage, String marker, long ttlMillis) throws IOException {
        long modified = storage.modifiedTime(marker);
        if (modified < 0) {
            return false; // its breaker finished; the caller looks at the lease again
        }
        if (System.currentTimeMillis() - modified > Math.max(2 * ttlMillis, MARKER_ABANDONED.toMillis())) {
            return true;
        }
        try (InputStream in = storage.open(marker)) {
            Optional<Holder> creator = Holder.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            return creator.isPresent() && creator.get().goneFromThisHost();
        } catch (IOException goneOrBeingWritten) {
            return false;
        }
    }

    /**
     * The instance a break marker's name refers to, for removing markers left behind: one may go
     * once its lease is gone or is another instance (no breaker can act on it any more).
     */
    static Optional<String> markerInstance(String markerName) {
        int at = markerName.indexOf(BREAKING);
        int dot = markerName.lastIndexOf('.');
        if (at < 0 || dot <= at + BREAKING.length()) {
            return Optional.empty();
        }
        return Optional.of(markerName.substring(at + BREAKING.length(), dot));
    }

    /** Where the lease file is. */
    @Override
    public String location() {
        return location;
    }

    /** What the lease file says. */
    public LeaseRecord record() {
        return record;
    }

    /**
     * Renews the lease (touches its file); returns false when the file is no longer this lease's,
     * that is when another process judged this one gone and took it over.
     */
    public boolean renew() throws IOException {
        if (!storage.touch(location)) {
            return false;
        }
        return stillOurs();
    }

    private boolean stillOurs() throws IOException {
        Optional<Sighting> now = look(storage, location);
        return now.isPresent() && now.get().instance().equals(record.instance());
    }

    /** Removes the lease file, unless another process has taken the lease over meanwhile. */
    @Override
    public void release() throws IOException {
        if (stillOurs()) {
            storage.delete(location);
        }
    }

    /**
     * One look at a lease file: what it says (empty while it is being written or when it is not
     * a lease), its modification time, and when it was seen on this process's clock.
     *
     * @param record the lease's content, if readable
     * @param modified its modification time in milliseconds since the epoch
     * @param seenNanos {@link System#nanoTime()} when it was seen
     */
    public record Sighting(Optional<LeaseRecord> record, long modified, long seenNanos) {

        /** Identifies the taking of the lease seen; an unreadable file by its modification time. */
        public String instance() {
            return record.map(LeaseRecord::instance).orElse("m" + modified);
        }

        /** The holder's time to live; an unreadable file's is taken as the given default. */
        long ttlMillis(Duration fallback) {
            return record.map(LeaseRecord::ttlMillis).orElse(fallback.toMillis());
        }

        /** Whether a later sighting shows the same lease, not renewed since. */
        public boolean unchangedIn(Sighting later) {
            return later.modified == modified && later.instance().equals(instance());
        }

        /**
         * Whether the holder is gone, judged from this sighting and the first sighting of the same
         * unrenewed lease: its process is known dead on this host, or it has not been renewed for
         * its time to live as this process's own clock measures it (no clock skew involved), or
         * its modification time is older than twice its time to live by this host's wall clock
         * (a lease long dead, taken over at once; one time to live of skew is allowed).
         */
        public boolean stale(Sighting firstUnchanged, Duration fallbackTtl) {
            long ttl = ttlMillis(fallbackTtl);
            if (record.isPresent() && record.get().holder().goneFromThisHost()) {
                return true;
            }
            if (firstUnchanged.unchangedIn(this) && seenNanos - firstUnchanged.seenNanos >= ttl * 1_000_000L) {
                return true;
            }
            return System.currentTimeMillis() - modified > 2 * ttl;
        }

        /** For messages: who holds it and since when. */
        public String describe() {
            return record.map(r -> r.holder().describe() + " since " + Instant.ofEpochMilli(r.sinceMillis()))
                    .orElse("a process that is still writing its lease");
        }
    }
}
