package io.cascata.core.targets;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Directory listings shared by the completeness checks of one graph discovery, so that targets
 * on a remote file system answer {@link Target#exists()} from one listing per directory instead
 * of one call per target. The driver makes one cache per discovery and installs it on the
 * threads that check completeness; outside a discovery there is none, and targets ask the file
 * system.
 *
 * <p>A cache made with {@link #everyStorage()} serves local files too: a date range checks
 * thousands of files in one directory with one listing of it.
 */
public final class ListingCache {

    private static final ThreadLocal<ListingCache> CURRENT = new ThreadLocal<>();

    private final Map<String, Listing> listings = new ConcurrentHashMap<>();
    private final boolean local;

    /** A cache for remote storages only, as a graph discovery uses. */
    public ListingCache() {
        this(false);
    }

    private ListingCache(boolean local) {
        this.local = local;
    }

    /** A cache that serves the local disk as well as remote storages. */
    public static ListingCache everyStorage() {
        return new ListingCache(true);
    }

    /** Whether targets on this storage should answer from this cache. */
    public boolean serves(Storage storage) {
        return local || storage.remote();
    }

    /** The cache of the discovery running on this thread, if any. */
    public static Optional<ListingCache> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Installs a cache on this thread until the scope is closed. */
    public static Scope use(ListingCache cache) {
        ListingCache previous = CURRENT.get();
        CURRENT.set(cache);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** The entries of a directory by name, listed once per cache however many targets ask. */
    public Map<String, StorageEntry> entries(Storage storage, String directory) throws IOException {
        Listing listing = listings.computeIfAbsent(storage.qualify(directory), d -> new Listing());
        synchronized (listing) {
            if (listing.entries == null) {
                listing.entries = byName(storage.list(directory));
            }
            return listing.entries;
        }
    }

    /** A listing keyed by name. */
    static Map<String, StorageEntry> byName(List<StorageEntry> entries) {
        Map<String, StorageEntry> out = new HashMap<>(entries.size() * 2);
        for (StorageEntry e : entries) {
            out.put(e.name(), e);
        }
        return Map.copyOf(out);
    }

    /** Uninstalls the cache on close. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static final class Listing {
        private Map<String, StorageEntry> entries;
    }
}
