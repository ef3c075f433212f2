package io.cascata.core.targets;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of files written as a whole, on any {@link Storage}. It is complete when its
 * {@value #SUCCESS} marker exists and every file the marker lists is there with the listed size;
 * readers read exactly those files. It is written at a temporary place ({@link #openDirectory()})
 * and committed by {@link DirectoryCommit}, which never replaces a complete directory.
 */
public class DirectoryTarget extends StoredTarget {

    /** The marker file that says the directory is complete and lists its files. */
    public static final String SUCCESS = Manifest.NAME;

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryTarget.class);


    protected DirectoryTarget(Storage storage, String location) {
        super(storage, location);
    }

    /** A directory at a location on a storage. */
    public static DirectoryTarget of(Storage storage, String location) {
        return new DirectoryTarget(storage, location);
    }

    /** Complete: the marker is there and every file it lists, at its size. A damaged output is logged, naming the file. */
    @Override
    public boolean exists() {
        Completeness completeness;
        try {
            completeness = completeness();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e.getMessage(), e);
        }
        if (completeness.damaged()) {
            LOG.warn("{} is incomplete: {}", location(), completeness.reason());
        }
        return completeness.complete();
    }

    /** Whether the directory is complete, why not, and its data files when it is. */
    public Completeness completeness() throws IOException {
        Map<String, StorageEntry> top = listing(location());
        StorageEntry marker = top.get(SUCCESS);
        if (marker == null) {
            return Completeness.incomplete(top.isEmpty() ? "it does not exist" : "it has no " + SUCCESS + " marker");
        }
        String markerLocation = storage().child(location(), SUCCESS);
        byte[] bytes;
        try (InputStream in = storage().open(markerLocation)) {
            bytes = in.readAllBytes();
        } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException goneMeanwhile) {
            return Completeness.incomplete("its " + SUCCESS + " marker disappeared while being read");
        }
        Optional<Manifest> manifest = Manifest.parse(bytes, markerLocation);
        List<String> files = new ArrayList<>();
        if (manifest.isEmpty()) {
            top.values().stream().filter(e -> !e.directory() && isDataName(e.name())).map(StorageEntry::name).sorted()
                    .forEach(name -> files.add(storage().child(location(), name)));
            return Completeness.whole(files);
        }
        for (Manifest.File file : manifest.get().files()) {
            int slash = file.path().lastIndexOf('/');
            String directory = slash < 0 ? location() : storage().child(location(), file.path().substring(0, slash));
            Map<String, StorageEntry> entries = slash < 0 ? top : listing(directory);
            StorageEntry entry = entries.get(file.path().substring(slash + 1));
            if (entry == null || entry.directory()) {
                return Completeness.damaged("listed file " + file.path() + " is missing");
            }
            if (entry.size() != file.size()) {
                return Completeness.damaged("listed file " + file.path() + " has " + entry.size()
                        + " bytes, the marker says " + file.size());
            }
            files.add(storage().child(location(), file.path()));
        }
        return Completeness.whole(files);
    }

    /** The data files to read, in order: those the marker lists (checked), else every visible file. */
    public List<FileTarget> files() throws IOException {
        List<FileTarget> out = new ArrayList<>();
        for (String file : fileLocations()) {
            out.add(FileTarget.of(storage(), file, Format.PLAIN));
        }
        return out;
    }

    /** The locations of the data files to read; an error naming the file when the directory is not whole. */
    public List<String> fileLocations() throws IOException {
        Completeness completeness = completeness();
        if (!completeness.complete()) {
            throw new IOException(location() + " is incomplete: " + completeness.reason());
        }
        return completeness.files();
    }

    /**
     * Starts writing the directory at a fresh temporary place. Close the result to commit it (or,
     * inside a task, to commit it when the task succeeds); {@link StagedDirectory#abort()} discards it.
     */
    public StagedDirectory openDirectory() throws IOException {
        String temp;
        if (storage().directoryRename() == Storage.DirectoryRename.NOT_ATOMIC) {
            temp = storage().child(location(), TempNames.attemptName());
        } else {
            String parent = storage().parent(location()).orElseThrow(
                    () -> new IOException(location() + ": a directory output cannot be the root"));
            temp = storage().child(parent, TempNames.siblingName(storage().name(location())));
        }
        storage().mkdirs(temp);
        return new StagedDirectory(this, temp);
    }

    private Map<String, StorageEntry> listing(String directory) throws IOException {
        Optional<ListingCache> cache = ListingCache.current();
        if (cache.isPresent() && cache.get().serves(storage())) {
            return cache.get().entries(storage(), directory);
        }
        return ListingCache.byName(storage().list(directory));
    }

    /** Data files are what readers read: not the marker, not hidden or underscore names. */
    static boolean isDataName(String name) {
        return !name.startsWith(".") && !name.startsWith("_");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DirectoryTarget t && samePlace(t);
    }


}
