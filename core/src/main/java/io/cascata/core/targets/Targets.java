package io.cascata.core.targets;

/**
 * Targets for locations of any scheme: {@code Targets.file("hdfs://nn:9820/data/x.txt")},
 * {@code Targets.directory("s3a://bucket/counts")} or a local path.
 */
public final class Targets {

    private Targets() {
    }

    /** A file at a location, stored as written. */
    public static FileTarget file(String location) {
        return file(location, Format.PLAIN);
    }

    /** A file at a location, stored in a format. */
    public static FileTarget file(String location, Format format) {
        Storage storage = Storages.forLocation(location);
        return storage == LocalStorage.INSTANCE ? LocalTarget.of(LocalStorage.path(location), format)
                : FileTarget.of(storage, location, format);
    }

    /** A directory at a location, complete with its _SUCCESS marker. */
    public static DirectoryTarget directory(String location) {
        Storage storage = Storages.forLocation(location);
        return storage == LocalStorage.INSTANCE ? LocalDirectoryTarget.of(LocalStorage.path(location))
                : DirectoryTarget.of(storage, location);
    }
}
