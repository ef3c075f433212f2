package io.cascata.hdfs;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** A real in-process HDFS (one NameNode, one DataNode) for a test class; shared with other modules through the test jar. */
public final class MiniHdfs implements AutoCloseable {

    public final MiniDFSCluster cluster;
    public final Configuration conf;
    public final String root;

    public MiniHdfs(Path baseDir) throws Exception {
        Configuration c = new Configuration();
        c.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toString());
        c.setInt("dfs.replication", 1);
        cluster = new MiniDFSCluster.Builder(c).numDataNodes(1).build();
        cluster.waitActive();
        conf = cluster.getConfiguration(0);
        root = cluster.getURI().toString();
    }

    public FileSystem fs() throws Exception {
        return cluster.getFileSystem();
    }

    /** A URI under the root. */
    public String uri(String path) {
        return root + (path.startsWith("/") ? path : "/" + path);
    }

    @Override
    public void close() {
        cluster.close();
    }
}
