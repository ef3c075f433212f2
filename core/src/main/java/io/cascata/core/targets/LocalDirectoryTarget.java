package io.cascata.core.targets;

import java.nio.file.Path;

/** A {@link DirectoryTarget} on the local disk, with its {@link Path}. */
public final class LocalDirectoryTarget extends DirectoryTarget {

    private final Path path;

    private LocalDirectoryTarget(Path path) {
        super(LocalStorage.INSTANCE, path.toString());
        this.path = path;
    }

    public static LocalDirectoryTarget of(String path) {
        return new LocalDirectoryTarget(Path.of(path));
    }

    public static LocalDirectoryTarget of(Path path) {
        return new LocalDirectoryTarget(path);
    }

    /** The directory's path, relative to the working directory unless absolute. */
    public Path path() {
        return path;
    }
}
