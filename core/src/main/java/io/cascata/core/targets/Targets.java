package io.cascata.core.targets;

/** Targets for paths of any scheme: {@code Targets.file("hdfs://nn/data/x.txt")} or a local path. */
public final class Targets {

    private Targets() {
    }

    /** A file at a location, stored as written. */
    public static FileTarget file(String location) {
        return TargetFactory.forLocation(location).file(location, Format.PLAIN);
    }

    /** A file at a location, stored in a format. */
    public static FileTarget file(String location, Format format) {
        return TargetFactory.forLocation(location).file(location, format);
    }

    /** A directory at a location, complete with its _SUCCESS marker. */
    public static DirectoryTarget directory(String location) {
        return TargetFactory.forLocation(location).directory(location);
    }
}
