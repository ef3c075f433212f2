package io.cascata.beam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory where one run's embedded Flink keeps every file it makes (the extracted RPC jar,
 * blobs, spill and shuffle files, the cluster's working directories, REST uploads). Its name
 * carries the owning process's id and start time, so a later run can tell a directory whose
 * owner was killed from one in use by a live driver, and removes the former.
 *
 * @param path the directory
 */
record FlinkScratch(Path path) {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkScratch.class);
    private static final String PREFIX = "cascata-flink-";
    // cascata-flink-<pid>-<process start, epoch ms>-<random>
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-(\\d+)-[0-9a-f]+");

    /** A new, empty scratch directory under {@code parent} owned by this process. */
    static FlinkScratch create(Path parent) {
        ProcessHandle self = ProcessHandle.current();
        String name = PREFIX + self.pid() + "-" + startMillis(self).orElse(0L) + "-"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            Files.createDirectories(parent);
            return new FlinkScratch(Files.createDirectory(parent.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Flink's scratch directory under " + parent, e);
        }
    }

    /**
     * Removes the scratch directories under {@code parent} whose owning process has ended (or
     * whose process id now belongs to a process started at another time); returns how many.
     */
    static int removeAbandoned(Path parent) {
        if (!Files.isDirectory(parent)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path entry : entries) {
                Matcher m = NAME.matcher(entry.getFileName().toString());
                if (m.matches() && !ownerAlive(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))) {
                    LOG.info("removing {}, left by process {} which has ended", entry, m.group(1));
                    if (delete(entry)) {
                        removed++;
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot look for abandoned Flink scratch directories in {}", parent, e);
        }
        return removed;
    }

    /** Deletes the directory and everything in it; false (and a warning) when that fails. */
    boolean delete() {
        return delete(path);
    }

    private static boolean delete(Path dir) {
        try {
            FileUtils.deleteDirectory(dir.toFile());
            return true;
        } catch (IOException e) {
            LOG.warn("cannot delete {}", dir, e);
            return false;
        }
    }

    private static boolean ownerAlive(long pid, long startedMillis) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        // A recycled pid belongs to a process started at another time. When the start time is
        // unknown on either side, the directory is kept: deleting a live run's files is worse.
        Optional<Long> started = startMillis(process.get());
        return startedMillis == 0 || started.isEmpty() || started.get() == startedMillis;
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }
}
