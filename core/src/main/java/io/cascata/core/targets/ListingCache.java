package io.cascata.core.targets;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Directory listings shared by the completeness checks of one graph discovery, so that targets
 * on a remote file system answer {@link Target#exists()} from one listing per directory instead
 * of one call per target. The driver makes one cache per run and installs it on the threads that
 * check completeness; outside a discovery there is none, and targets ask the file system.
 */
public final class ListingCache {

    private static final ThreadLocal<ListingCache> CURRENT = new ThreadLocal<>();

    private final Map<String, Listing> listings = new ConcurrentHashMap<>();

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

    /** The names in a directory, listed once per cache however many targets ask. */
    public Set<String> names(String directory, Lister lister) throws IOException {
        Listing listing = listings.computeIfAbsent(directory, d -> new Listing());
        synchronized (listing) {
            if (listing.names == null) {
                listing.names = Set.copyOf(lister.list(directory));
            }
            return listing.names;
        }
    }

    /** Lists a directory's entry names; an absent directory has none. */
    @FunctionalInterface
    public interface Lister {
        Set<String> list(String directory) throws IOException;
    }

    /** Uninstalls the cache on close. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static final class Listing {
        private Set<String> names;
    }
}
