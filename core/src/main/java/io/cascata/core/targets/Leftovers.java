package io.cascata.core.targets;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what killed processes left in a directory: hidden temporary files and directories of
 * attempts ({@link TempNames}), leases and their break markers ({@link Lease}) and commit locks
 * ({@link CommitLock}), each only once its owner is gone:
 * <ul>
 * <li>a temporary on the local disk, when the process named in it (its id, see
 *     {@link TempNames#processTag}) no longer runs, or is this process under another token;
 * <li>a temporary on a shared file system (HDFS), whose writer may be on another host, when no
 *     live lease stands beside it for the same output and it has not changed for twice the
 *     lease time to live;
 * <li>any temporary of a process whose lease the caller broke (so known gone, on any host);
 * <li>a lease, when it is stale ({@link Lease.Sighting#stale}, broken as any taker would);
 * <li>a break marker, when its lease is gone or is another instance; a commit lock, when it is
 *     older than twice {@link CommitLock#STALE}.
 * </ul>
 */
public final class Leftovers {

    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    private Leftovers() {
    }

    /** Removes the leftovers of gone owners from one directory (not below it); returns how many went. */
    public static int sweep(Storage storage, String directory, Duration ttl) throws IOException {
        return sweep(storage, directory, ttl, java.util.Set.of());
    }

    /**
     * As {@link #sweep(Storage, String, Duration)}, also removing every temporary of the given
     * processes (tags as {@link Holder#processTag()}), known gone because their leases were broken.
     */
    public static int sweep(Storage storage, String directory, Duration ttl, java.util.Set<String> goneProcesses)
            throws IOException {
        List<StorageEntry> entries = storage.list(directory);
        Map<String, Lease.Sighting> leases = new HashMap<>();
        int removed = 0;
        for (StorageEntry entry : entries) {
            String name = entry.name();
            if (!name.startsWith(".") || entry.directory() || !name.endsWith(Lease.SUFFIX)) {
                continue;
            }
            String location = storage.child(directory, name);
            Optional<Lease.Sighting> seen = Lease.look(storage, location);
            if (seen.isEmpty()) {
                continue;
            }
            if (seen.get().stale(seen.get(), ttl) && Lease.breakStale(storage, location, seen.get(), ttl)) {
                LOG.debug("removed the stale lease {} ({})", location, seen.get().describe());
                removed++;
            } else {
                leases.put(name.substring(1, name.length() - Lease.SUFFIX.length()), seen.get());
            }
        }
        Holder me = Holder.current();
        long now = System.currentTimeMillis();
        for (StorageEntry entry : entries) {
            String name = entry.name();
            if (!name.startsWith(".")) {
                continue;
            }
            String location = storage.child(directory, name);
            boolean gone;
            int marker = name.indexOf(TempNames.MARKER);
            if (marker > 0) {
                Optional<String> tag = TempNames.processTag(name);
                if (tag.isEmpty()) {
                    continue;
                }
                if (goneProcesses.contains(tag.get())) {
                    gone = true;
                } else if (storage.remote()) {
                    gone = !leases.containsKey(name.substring(1, marker))
                            && modifiedBefore(storage, location, now - 2 * ttl.toMillis());
                } else {
                    gone = processGone(tag.get(), me);
                }
            } else if (name.contains(Lease.SUFFIX + "-break-")) {
                Optional<String> instance = Lease.markerInstance(name);
                String output = name.substring(1, name.indexOf(Lease.SUFFIX));
                Lease.Sighting lease = leases.get(output);
                gone = instance.isPresent() && (lease == null || !lease.instance().equals(instance.get()));
            } else if (name.endsWith(".cascata-commit")) {
                gone = modifiedBefore(storage, location, now - 2 * CommitLock.STALE.toMillis());
            } else {
                continue;
            }
            if (gone) {
                storage.delete(location);
                LOG.debug("removed the leftover {}", location);
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("removed {} leftovers of killed runs from {}", removed, directory);
        }
        return removed;
    }

    private static boolean modifiedBefore(Storage storage, String location, long millis) throws IOException {
        long modified = storage.modifiedTime(location);
        return modified >= 0 && modified < millis;
    }

    /**
     * Whether the process a temporary's tag names is gone from this host: no process has its id,
     * or it is this process and the token is not this process's. A live process with that id may
     * be another one that reused it; its leftovers stay until that process ends.
     */
    static boolean processGone(String tag, Holder me) {
        if (tag.length() < 4) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(tag.substring(0, tag.length() - 3), 36);
        } catch (NumberFormatException e) {
            return false;
        }
        if (pid == me.pid()) {
            return !tag.equals(me.processTag());
        }
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }
}
