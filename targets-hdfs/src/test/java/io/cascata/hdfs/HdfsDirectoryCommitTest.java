package io.cascata.hdfs;

import io.cascata.core.targets.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The directory commit on a real HDFS, where a rename onto an existing directory moves inside it. */
class HdfsDirectoryCommitTest extends DirectoryCommitContract {

    @TempDir
    static Path base;
    static MiniHdfs hdfs;

    @BeforeAll
    static void start() throws Exception {
        hdfs = new MiniHdfs(base.resolve("dfs"));
    }

    @AfterAll
    static void stop() {
        if (hdfs != null) {
            hdfs.close();
        }
    }

    @Override
    Storage storage() {
        return HadoopStorage.of(hdfs.conf, hdfs.root);
    }

    @Override
    String freshLocation(String name) {
        return hdfs.uri("/out/" + unique(name));
    }
}
