package io.cascata.hdfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** A Hadoop path with its file system, and errors that name the path. */
final class HdfsPaths {

    private HdfsPaths() {
    }

    static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
        try {
            return path.getFileSystem(conf);
        } catch (IOException e) {
            throw fail(path, e);
        }
    }

    /** An I/O error whose message starts with the path it is about. */
    static IOException fail(Path path, IOException cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (message.contains("Connection refused") || cause instanceof java.net.ConnectException) {
            message = "cannot reach the NameNode (" + message.split("\n")[0] + ")";
        } else if (cause instanceof org.apache.hadoop.security.AccessControlException) {
            message = "permission denied (" + message.split("\n")[0] + ")";
        }
        return new IOException(path + ": " + message, cause);
    }

    static UncheckedIOException unchecked(Path path, IOException cause) {
        IOException named = cause.getMessage() != null && cause.getMessage().startsWith(path.toString()) ? cause : fail(path, cause);
        return new UncheckedIOException(named.getMessage(), named);
    }
}
