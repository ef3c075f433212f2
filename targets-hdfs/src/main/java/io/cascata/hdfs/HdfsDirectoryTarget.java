package io.cascata.hdfs;

import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.Format;
import io.cascata.core.targets.OutputTransaction;
import io.cascata.core.targets.TempNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A directory on HDFS, complete when its {@code _SUCCESS} marker exists, written at a hidden
 * temporary sibling and renamed into place in one step. HDFS moves a directory <em>inside</em> an
 * existing destination and answers false for a missing parent, so the commit removes a stale
 * destination, creates the parent, checks the rename's answer and checks that the marker landed
 * where it should: it never nests, half-replaces or fails silently.
 */
public final class HdfsDirectoryTarget implements DirectoryTarget {

    private final Path path;
    private final Configuration conf;

    private HdfsDirectoryTarget(Path path, Configuration conf) {
        this.path = path;
        this.conf = conf;
    }

    public static HdfsDirectoryTarget of(String uri) {
        return new HdfsDirectoryTarget(new Path(uri), HdfsConfig.current());
    }

    public static HdfsDirectoryTarget of(String uri, Configuration conf) {
        return new HdfsDirectoryTarget(new Path(uri), conf);
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
            return HdfsPaths.fileSystem(path, conf).exists(new Path(path, SUCCESS));
        } catch (IOException e) {
            throw HdfsPaths.unchecked(path, e);
        }
    }

    @Override
    public List<HdfsTarget> files() throws IOException {
        FileSystem fs = HdfsPaths.fileSystem(path, conf);
        List<HdfsTarget> out = new ArrayList<>();
        try {
            for (FileStatus status : fs.listStatus(path)) {
                String name = status.getPath().getName();
                if (status.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                    out.add(HdfsTarget.of(status.getPath().toString(), Format.PLAIN, conf));
                }
            }
        } catch (IOException e) {
            throw HdfsPaths.fail(path, e);
        }
        out.sort((a, b) -> a.location().compareTo(b.location()));
        return out;
    }

    @Override
    public StagedDirectory openDirectory() throws IOException {
        FileSystem fs = HdfsPaths.fileSystem(path, conf);
        Path temp = new Path(path.getParent(), TempNames.siblingName(path.getName()));
        try {
            if (!fs.mkdirs(temp)) {
                throw new IOException("HDFS refused to create " + temp);
            }
        } catch (IOException e) {
            throw HdfsPaths.fail(path, e);
        }
        return new Staged(fs, fs.makeQualified(temp));
    }

    private final class Staged implements StagedDirectory {

        private final FileSystem fs;
        private final Path temp;
        private boolean closed;

        Staged(FileSystem fs, Path temp) {
            this.fs = fs;
            this.temp = temp;
        }

        @Override
        public String temporaryLocation() {
            return temp.toString();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            fs.create(new Path(temp, SUCCESS), false).close();
            OutputTransaction.stage(this);
        }

        @Override
        public void commit() throws IOException {
            Path destination = fs.makeQualified(path);
            try {
                if (fs.exists(destination) && !fs.delete(destination, true)) {
                    throw new IOException("HDFS refused to remove the stale " + destination);
                }
                if (!fs.mkdirs(destination.getParent())) {
                    throw new IOException("HDFS refused to create " + destination.getParent());
                }
                if (!fs.rename(temp, destination)) {
                    throw new IOException("HDFS did not rename " + temp + " to " + destination);
                }
                if (!fs.exists(new Path(destination, SUCCESS))) {
                    // Someone created the destination between our check and the rename: HDFS nested us inside.
                    fs.delete(new Path(destination, temp.getName()), true);
                    throw new IOException("another writer created " + destination + " during the commit; nothing was published");
                }
            } catch (IOException e) {
                abort();
                throw HdfsPaths.fail(destination, e);
            }
        }

        @Override
        public void abort() {
            closed = true;
            try {
                fs.delete(temp, true);
            } catch (IOException ignored) {
                // a hidden temporary directory never looks complete
            }
        }

        @Override
        public String location() {
            return path.toString();
        }
    }
}
