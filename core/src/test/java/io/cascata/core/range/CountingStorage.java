package io.cascata.core.range;

import io.cascata.core.targets.LocalStorage;
import io.cascata.core.targets.Storage;
import io.cascata.core.targets.StorageEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The local disk, counting the calls that look at it: how a test sees how many listings a check made. */
final class CountingStorage implements Storage {

    static final CountingStorage INSTANCE = new CountingStorage();

    final AtomicInteger stats = new AtomicInteger();
    final AtomicInteger listings = new AtomicInteger();
    private final Storage disk = LocalStorage.INSTANCE;

    void reset() {
        stats.set(0);
        listings.set(0);
    }

    @Override
    public DirectoryRename directoryRename() {
        return disk.directoryRename();
    }

    @Override
    public String qualify(String location) {
        return disk.qualify(location);
    }

    @Override
    public String child(String directory, String name) {
        return disk.child(directory, name);
    }

    @Override
    public Optional<String> parent(String location) {
        return disk.parent(location);
    }

    @Override
    public String name(String location) {
        return disk.name(location);
    }

    @Override
    public Optional<StorageEntry> stat(String location) throws IOException {
        stats.incrementAndGet();
        return disk.stat(location);
    }

    @Override
    public List<StorageEntry> list(String directory) throws IOException {
        listings.incrementAndGet();
        return disk.list(directory);
    }

    @Override
    public InputStream open(String location) throws IOException {
        return disk.open(location);
    }

    @Override
    public OutputStream create(String location) throws IOException {
        return disk.create(location);
    }

    @Override
    public boolean createExclusive(String location, byte[] content) throws IOException {
        return disk.createExclusive(location, content);
    }

    @Override
    public void discard(OutputStream stream, String location) {
        disk.discard(stream, location);
    }

    @Override
    public void renameFile(String from, String to) throws IOException {
        disk.renameFile(from, to);
    }

    @Override
    public boolean renameDirectory(String from, String to) throws IOException {
        return disk.renameDirectory(from, to);
    }

    @Override
    public void delete(String location) throws IOException {
        disk.delete(location);
    }

    @Override
    public void mkdirs(String directory) throws IOException {
        disk.mkdirs(directory);
    }

    @Override
    public boolean remote() {
        return false;
    }
}
