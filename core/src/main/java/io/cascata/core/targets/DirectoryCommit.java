package io.cascata.core.targets;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a directory output becomes visible, on every file system. Its rules:
 * <ul>
 * <li>A complete destination is never replaced: a committer that finds it complete discards its
 *     own attempt (the output is there; the task is complete).
 * <li>The marker lists the files with their sizes ({@link Manifest}) and is written last.
 * <li>Where directories rename atomically, the attempt is written in a hidden sibling that gets
 *     its marker and then is renamed onto the destination, under a short {@link CommitLock} so
 *     that no other committer acts between the look and the rename; a stale destination (no
 *     marker, or damaged) is moved aside first. The rename's behaviour on an existing
 *     destination is the storage's documented input ({@link Storage#directoryRename()}): on HDFS
 *     a rename onto a directory someone else created moves the attempt inside it, so that case
 *     is detected and undone. Nothing is ever nested or mixed.
 * <li>On object stores, where a rename is a copy, the attempt's files are written under a
 *     unique {@code _attempt-} prefix inside the destination and the commit is one put of the
 *     marker that lists them; readers read only listed files, so another attempt's files are
 *     never read.
 * </ul>
 */
public final class DirectoryCommit {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryCommit.class);

    private DirectoryCommit() {
    }

    /**
     * Commits the attempt written at {@code temp}; returns false when the destination was
     * already complete and the attempt was discarded instead.
     */
    public static boolean commit(DirectoryTarget target, String temp) throws IOException {
        Storage storage = target.storage();
        String destination = target.location();
        try {
            if (target.completeness().complete()) {
                discard(target, temp, "it was already complete");
                return false;
            }
            if (storage.directoryRename() == Storage.DirectoryRename.NOT_ATOMIC) {
                return commitByManifest(target, temp);
            }
            write(storage, storage.child(temp, DirectoryTarget.SUCCESS), manifest(storage, temp, ""));
            try (CommitLock lock = CommitLock.acquire(storage, destination)) {
                if (target.completeness().complete()) {
                    discard(target, temp, "another writer completed it first");
                    return false;
                }
                moveAsideIfPresent(storage, destination);
                storage.parent(destination).ifPresent(parent -> mkdirs(storage, parent));
                if (!storage.renameDirectory(temp, destination)) {
                    throw new IOException("the file system refused to rename " + temp + " to " + destination);
                }
                String nested = storage.child(destination, storage.name(temp));
                if (storage.directoryRename() == Storage.DirectoryRename.MOVED_INSIDE_EXISTING_DESTINATION
                        && storage.stat(nested).isPresent()) {
                    // A writer that takes no commit lock created the destination meanwhile: take ours back out.
                    storage.renameDirectory(nested, temp);
                    throw new IOException("another program created " + destination + " during the commit");
                }
                return true;
            }
        } catch (IOException | RuntimeException e) {
            abortQuietly(storage, temp);
            throw e instanceof IOException io && io.getMessage() != null && io.getMessage().contains(destination)
                    ? io : new IOException(destination + ": cannot commit the directory: " + e.getMessage(), e);
        }
    }

    private static boolean commitByManifest(DirectoryTarget target, String temp) throws IOException {
        Storage storage = target.storage();
        String attempt = storage.name(temp);
        write(storage, storage.child(target.location(), DirectoryTarget.SUCCESS), manifest(storage, temp, attempt + "/"));
        return true;
    }

    /** The files of an attempt's directory with their sizes; names under {@code prefix} in the marker. */
    private static Manifest manifest(Storage storage, String directory, String prefix) throws IOException {
        List<Manifest.File> files = new ArrayList<>();
        for (StorageEntry entry : storage.list(directory)) {
            if (!entry.directory() && DirectoryTarget.isDataName(entry.name())) {
                files.add(new Manifest.File(prefix + entry.name(), entry.size()));
            }
        }
        return new Manifest(files);
    }

    private static void write(Storage storage, String location, Manifest manifest) throws IOException {
        OutputStream out = storage.create(location);
        try {
            out.write(manifest.toBytes());
        } catch (IOException | RuntimeException e) {
            storage.discard(out, location);
            throw e;
        }
        out.close();
    }

    /** A destination that exists but is not complete is a leftover: moved aside whole, then removed. */
    private static void moveAsideIfPresent(Storage storage, String destination) throws IOException {
        if (storage.stat(destination).isEmpty()) {
            return;
        }
        String parent = storage.parent(destination).orElseThrow();
        String aside = storage.child(parent, TempNames.siblingName(storage.name(destination)));
        if (storage.renameDirectory(destination, aside)) {
            LOG.info("{} was incomplete (no marker, or a listed file missing or short); replaced", destination);
            storage.delete(aside);
        }
    }

    private static void mkdirs(Storage storage, String directory) {
        try {
            storage.mkdirs(directory);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(directory + ": cannot create the directory: " + e.getMessage(), e);
        }
    }

    private static void discard(DirectoryTarget target, String temp, String why) {
        LOG.info("{}: {}; this attempt's output is discarded", target.location(), why);
        abortQuietly(target.storage(), temp);
    }

    private static void abortQuietly(Storage storage, String temp) {
        try {
            storage.delete(temp);
        } catch (IOException ignored) {
            // a temporary directory is never read as output
        }
    }
}
