package io.cascata.core.targets;

/**
 * One entry of a directory listing.
 *
 * @param name the entry's name within its directory
 * @param directory whether it is a directory
 * @param size its length in bytes (0 for a directory)
 */
public record StorageEntry(String name, boolean directory, long size) {
}
