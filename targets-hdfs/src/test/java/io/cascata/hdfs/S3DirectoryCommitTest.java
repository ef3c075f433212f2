package io.cascata.hdfs;

import io.cascata.core.targets.Storage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory commit on an object store (S3A against s3proxy), where renames are copies:
 * attempts write under their own prefix and the marker that lists their files is the commit.
 */
class S3DirectoryCommitTest extends DirectoryCommitContract {

    @TempDir
    static Path base;
    static S3Server s3;
    static org.apache.hadoop.conf.Configuration conf;

    @BeforeAll
    static void start() throws Exception {
        s3 = new S3Server(base.resolve("blobs"));
        conf = s3.conf();
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        org.apache.hadoop.fs.FileSystem.closeAll();
    }

    @Override
    Storage storage() {
        return HadoopStorage.of(conf, s3.uri("/"));
    }

    @Override
    String freshLocation(String name) {
        return s3.uri("/out/" + unique(name));
    }

    @Override
    void assertNoNestedAttempt(String location) throws IOException {
        // On an object store the attempts live under the destination by design; readers go by the marker.
    }
}
