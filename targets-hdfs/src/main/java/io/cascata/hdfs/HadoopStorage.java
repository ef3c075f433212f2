package io.cascata.hdfs;

import io.cascata.core.targets.Storage;
import io.cascata.core.targets.StorageEntry;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Abortable;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StreamCapabilities;

/**
 * Every file system Hadoop serves ({@code hdfs}, {@code viewfs}, {@code webhdfs}, {@code s3a},
 * {@code abfs}, {@code gs}, ...) as one {@link Storage}, with a Hadoop configuration. Hadoop is
 * asked for the file system of each URI. Directory renames follow HDFS (atomic; an existing
 * destination gets the source moved inside it) except on object stores, whose renames are
 * copies: there directory outputs are committed by manifest.
 */
public final class HadoopStorage implements Storage {

    /** Schemes of object stores: no atomic rename, directories are only name prefixes. */
    static final Set<String> OBJECT_STORES =
            Set.of("s3a", "s3", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs", "oss", "cos", "cosn", "obs");

    private final Configuration conf;
    private final boolean objectStore;

    private HadoopStorage(Configuration conf, boolean objectStore) {
        this.conf = Objects.requireNonNull(conf, "conf");
        this.objectStore = objectStore;
    }

    /** The Hadoop file system of a location, seen through a configuration. */
    public static HadoopStorage of(Configuration conf, String location) {
        return new HadoopStorage(conf, objectStore(new Path(location).toUri().getScheme()));
    }

    /** The configuration file systems are made with. */
    public Configuration configuration() {
        return conf;
    }

    /** Whether Hadoop has a file system for a scheme under a configuration. */
    static boolean serves(String scheme, Configuration conf) {
        try {
            FileSystem.getFileSystemClass(scheme, conf);
            return true;
        } catch (IOException | RuntimeException unknown) {
            return false;
        }
    }

    /** Whether the scheme names an object store. */
    static boolean objectStore(String scheme) {
        return scheme != null && OBJECT_STORES.contains(scheme.toLowerCase(Locale.ROOT));
    }

    @Override
    public DirectoryRename directoryRename() {
        return objectStore ? DirectoryRename.NOT_ATOMIC : DirectoryRename.MOVED_INSIDE_EXISTING_DESTINATION;
    }

    private FileSystem fs(Path path) throws IOException {
        try {
            return path.getFileSystem(conf);
        } catch (IOException e) {
            throw HdfsPaths.fail(path, e);
        }
    }

    @Override
    public String qualify(String location) {
        Path path = new Path(location);
        try {
            return fs(path).makeQualified(path).toString();
        } catch (IOException e) {
            throw HdfsPaths.unchecked(path, e);
        }
    }

    @Override
    public String child(String directory, String name) {
        return new Path(new Path(directory), name).toString();
    }

    @Override
    public Optional<String> parent(String location) {
        Path parent = new Path(location).getParent();
        return parent == null ? Optional.empty() : Optional.of(parent.toString());
    }

    @Override
    public String name(String location) {
        return new Path(location).getName();
    }

    @Override
    public Optional<StorageEntry> stat(String location) throws IOException {
        Path path = new Path(location);
        try {
            return Optional.of(entry(fs(path).getFileStatus(path)));
        } catch (FileNotFoundException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw HdfsPaths.fail(path, e);
        }
    }

    @Override
    public List<StorageEntry> list(String directory) throws IOException {
        Path path = new Path(directory);
        List<StorageEntry> out = new ArrayList<>();
        try {
            for (FileStatus status : fs(path).listStatus(path)) {
                out.add(entry(status));
            }
        } catch (FileNotFoundException absent) {
            return List.of();
        } catch (IOException e) {
            throw HdfsPaths.fail(path, e);
        }
        return out;
    }

    private static StorageEntry entry(FileStatus status) {
        return new StorageEntry(status.getPath().getName(), status.isDirectory(), status.isDirectory() ? 0 : status.getLen());
    }

    @Override
    public InputStream open(String location) throws IOException {
        Path path = new Path(location);
        try {
            return fs(path).open(path);
        } catch (IOException e) {
            throw HdfsPaths.fail(path, e);
        }
    }

    @Override
    public OutputStream create(String location) throws IOException {
        Path path = new Path(location);
        try {
            return fs(path).create(path, true);
        } catch (IOException e) {
            throw HdfsPaths.fail(path, e);
        }
    }

    @Override
    public boolean createExclusive(String location, byte[] content) throws IOException {
        Path path = new Path(location);
        try (OutputStream out = fs(path).create(path, false)) {
            out.write(content);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException taken) {
            return false;
        } catch (org.apache.hadoop.ipc.RemoteException e) {
            // a file being created by another writer (same client or not) is as taken as a finished one
            if (e.getClassName().endsWith(".FileAlreadyExistsException")
                    || e.getClassName().endsWith(".AlreadyBeingCreatedException")) {
                return false;
            }
            throw HdfsPaths.fail(path, e);
        } catch (IOException e) {
            throw HdfsPaths.fail(path, e);
        }
    }

    @Override
    public void discard(OutputStream stream, String location) {
        if (stream instanceof Abortable abortable && stream instanceof StreamCapabilities capabilities
                && capabilities.hasCapability(CommonPathCapabilities.ABORTABLE_STREAM)) {
            abortable.abort(); // an object store's stream would publish the file on close
            return;
        }
        try {
            stream.close();
        } catch (IOException ignored) {
            // deleted next
        }
        try {
            delete(location);
        } catch (IOException ignored) {
            // a hidden temporary file never looks like output
        }
    }

    @Override
    public void renameFile(String from, String to) throws IOException {
        Path source = new Path(from);
        Path destination = new Path(to);
        try {
            FileSystem fs = fs(source);
            FileContext.getFileContext(fs.getUri(), conf).rename(fs.makeQualified(source), fs.makeQualified(destination),
                    Options.Rename.OVERWRITE);
        } catch (IOException e) {
            throw HdfsPaths.fail(destination, e);
        }
    }

    @Override
    public boolean renameDirectory(String from, String to) throws IOException {
        Path source = new Path(from);
        try {
            return fs(source).rename(source, new Path(to));
        } catch (FileNotFoundException gone) {
            return false;
        } catch (IOException e) {
            throw HdfsPaths.fail(new Path(to), e);
        }
    }

    @Override
    public void delete(String location) throws IOException {
        Path path = new Path(location);
        try {
            fs(path).delete(path, true);
        } catch (FileNotFoundException absent) {
            // nothing to delete
        } catch (IOException e) {
            throw HdfsPaths.fail(path, e);
        }
    }

    @Override
    public void mkdirs(String directory) throws IOException {
        if (objectStore) {
            return; // object stores have no directories: a prefix exists once something is written under it
        }
        Path path = new Path(directory);
        try {
            if (!fs(path).mkdirs(path)) {
                throw new IOException("the file system refused to create it");
            }
        } catch (IOException e) {
            throw HdfsPaths.fail(path, e);
        }
    }

    @Override
    public boolean supportsLeases() {
        return !objectStore; // an object store's create-if-absent is a look, then a put
    }

    @Override
    public boolean touch(String location) throws IOException {
        Path path = new Path(location);
        try {
            fs(path).setTimes(path, System.currentTimeMillis(), -1);
            return true;
        } catch (FileNotFoundException absent) {
            return false;
        } catch (IOException e) {
            throw HdfsPaths.fail(path, e);
        }
    }

    @Override
    public long modifiedTime(String location) throws IOException {
        Path path = new Path(location);
        try {
            return fs(path).getFileStatus(path).getModificationTime();
        } catch (FileNotFoundException absent) {
            return -1;
        } catch (IOException e) {
            throw HdfsPaths.fail(path, e);
        }
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HadoopStorage h && h.conf == conf && h.objectStore == objectStore;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(conf) + (objectStore ? 1 : 0);
    }
}
