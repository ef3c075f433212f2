package io.cascata.core.targets;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Makes targets for a location by its scheme, so that a path given as a parameter works
 * wherever it points: {@code hdfs://...} with the HDFS module on the class path, a plain path on
 * the local disk. Implementations are found with {@link ServiceLoader}.
 */
public interface TargetFactory {

    /** Whether this factory makes targets for the location (by its scheme, usually). */
    boolean handles(String location);

    /** A file target at the location. */
    FileTarget file(String location, Format format);

    /** A directory target at the location. */
    DirectoryTarget directory(String location);

    /** The factory for a location: the first one found that handles it, else the local disk. */
    static TargetFactory forLocation(String location) {
        for (TargetFactory factory : Factories.ALL) {
            if (factory.handles(location)) {
                return factory;
            }
        }
        return Factories.LOCAL;
    }

    /** The factories found on the class path, loaded once. */
    final class Factories {
        private static final List<TargetFactory> ALL =
                ServiceLoader.load(TargetFactory.class).stream().map(ServiceLoader.Provider::get).toList();
        private static final TargetFactory LOCAL = new TargetFactory() {
            @Override
            public boolean handles(String location) {
                return !location.contains("://") || location.startsWith("file://");
            }

            @Override
            public FileTarget file(String location, Format format) {
                return LocalTarget.of(strip(location), format);
            }

            @Override
            public DirectoryTarget directory(String location) {
                return LocalDirectoryTarget.of(strip(location));
            }

            private String strip(String location) {
                if (!handles(location)) {
                    throw new IllegalArgumentException("no target type for " + location
                            + " (is the module for its scheme on the class path?)");
                }
                return location.startsWith("file://") ? location.substring("file://".length()) : location;
            }
        };

        private Factories() {
        }
    }
}
