package io.cascata.core.targets;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Finds the {@link Storage} of a location by its scheme: none (a plain path) or {@code file:} is
 * the local disk; anything else goes to the providers found on the class path, and a scheme no
 * provider serves is an error naming the location.
 */
public final class Storages {

    /** A URI scheme as RFC 3986 writes it, followed by a colon; one letter is a Windows drive, not a scheme. */
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):");

    private static final List<StorageProvider> PROVIDERS =
            ServiceLoader.load(StorageProvider.class).stream().map(ServiceLoader.Provider::get).toList();

    private Storages() {
    }

    /** The scheme of a location, if it has one. */
    public static Optional<String> scheme(String location) {
        var m = SCHEME.matcher(location);
        return m.find() ? Optional.of(m.group(1).toLowerCase(java.util.Locale.ROOT)) : Optional.empty();
    }

    /** The storage that serves a location. */
    public static Storage forLocation(String location) {
        Optional<String> scheme = scheme(location);
        if (scheme.isEmpty() || scheme.get().equals("file")) {
            return LocalStorage.INSTANCE;
        }
        for (StorageProvider provider : PROVIDERS) {
            Optional<Storage> storage = provider.forLocation(scheme.get(), location);
            if (storage.isPresent()) {
                return storage.get();
            }
        }
        throw new IllegalArgumentException(location + ": no file system for the scheme '" + scheme.get()
                + "' (for hdfs, s3a and the other Hadoop schemes, put cascata-targets-hdfs on the class path)");
    }
}
