package io.cascata.hdfs;

import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Format;
import io.cascata.core.targets.ListingCache;
import io.cascata.core.targets.StagedFile;
import io.cascata.core.targets.TempNames;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * A file on HDFS (or any Hadoop file system), with the formats and the atomic writes of
 * {@link io.cascata.core.targets.LocalTarget}: data goes to a hidden temporary sibling that is
 * renamed over the final path, in one step, only when the writer succeeds. During a graph
 * discovery, existence comes from one listing of the parent directory shared by all targets in
 * it.
 */
public final class HdfsTarget extends FileTarget {

    private final Path path;
    private final Configuration conf;

    private HdfsTarget(Path path, Format format, Configuration conf) {
        super(format);
        this.path = path;
        this.conf = conf;
    }

    /** A file at a URI such as {@code hdfs://namenode:9820/data/x.txt}, with the current configuration. */
    public static HdfsTarget of(String uri) {
        return of(uri, Format.PLAIN);
    }

    public static HdfsTarget of(String uri, Format format) {
        return new HdfsTarget(new Path(uri), format, HdfsConfig.current());
    }

    /** A file with an explicit Hadoop configuration. */
    public static HdfsTarget of(String uri, Format format, Configuration conf) {
        return new HdfsTarget(new Path(uri), format, conf);
    }

    public Path path() {
        return path;
    }

    @Override
    public String location() {
        return path.toString();
    }

    @Override
    public boolean exists() {
        try {
            FileSystem fs = HdfsPaths.fileSystem(path, conf);
            Path qualified = fs.makeQualified(path);
            if (ListingCache.current().isPresent() && qualified.getParent() != null) {
                return ListingCache.current().get()
                        .names(qualified.getParent().toString(), dir -> list(fs, new Path(dir)))
                        .contains(qualified.getName());
            }
            return fs.exists(qualified);
        } catch (IOException e) {
            throw HdfsPaths.unchecked(path, e);
        }
    }

    /** The names in a directory, or none when it is absent: one NameNode call. */
    static Set<String> list(FileSystem fs, Path directory) throws IOException {
        Set<String> names = new HashSet<>();
        try {
            for (FileStatus status : fs.listStatus(directory)) {
                names.add(status.getPath().getName());
            }
        } catch (FileNotFoundException absent) {
            return names;
        }
        return names;
    }

    @Override
    protected InputStream openStoredInput() throws IOException {
        try {
            return HdfsPaths.fileSystem(path, conf).open(path);
        } catch (IOException e) {
            throw HdfsPaths.fail(path, e);
        }
    }

    @Override
    protected StagedFile stageNewFile() throws IOException {
        FileSystem fs = HdfsPaths.fileSystem(path, conf);
        Path temp = new Path(path.getParent(), TempNames.siblingName(path.getName()));
        try {
            return new HdfsStagedFile(fs, temp, path, fs.create(temp, false));
        } catch (IOException e) {
            throw HdfsPaths.fail(path, e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HdfsTarget t && t.path.equals(path) && t.format() == format();
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    /** A temporary file renamed over the destination on commit; HDFS does that rename atomically. */
    private record HdfsStagedFile(FileSystem fs, Path temp, Path destination, OutputStream stream) implements StagedFile {

        @Override
        public void commit() throws IOException {
            try {
                FileContext.getFileContext(fs.getUri(), fs.getConf()).rename(temp, destination, Options.Rename.OVERWRITE);
            } catch (IOException e) {
                abort();
                throw HdfsPaths.fail(destination, e);
            }
        }

        @Override
        public void abort() {
            try {
                fs.delete(temp, false);
            } catch (IOException ignored) {
                // a hidden temporary file never looks like the output
            }
        }

        @Override
        public String location() {
            return destination.toString();
        }
    }
}
