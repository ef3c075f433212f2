package io.cascata.core.targets;

import java.util.Objects;

/** A target at a location on a {@link Storage}: what file and directory targets have in common. */
public abstract class StoredTarget implements Target {

    private final Storage storage;
    private final String location;

    protected StoredTarget(Storage storage, String location) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.location = Objects.requireNonNull(location, "location");
    }

    /** The file system the target is on. */
    public final Storage storage() {
        return storage;
    }

    @Override
    public final String location() {
        return location;
    }

    /** Same kind, same place, same kind of storage. */
    protected final boolean samePlace(StoredTarget other) {
        return other.getClass() == getClass() && other.location.equals(location)
                && other.storage.getClass() == storage.getClass();
    }

    @Override
    public int hashCode() {
        return location.hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + location + ")";
    }
}
