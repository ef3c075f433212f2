package io.cascata.examples.leases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.targets.Storage;
import io.cascata.core.targets.StorageEntry;
import io.cascata.hdfs.HadoopStorage;
import io.cascata.hdfs.MiniHdfs;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Driver processes in different working directories (as on different hosts) sharing one HDFS:
 * overlapping graphs started together never run a task twice, and a killed lease holder's task
 * is taken over within the lease's time to live.
 */
class ManyDriversHdfsTest {

    private static final int N = 30;
    private static final long SUM = (long) N * (N - 1) / 2;

    @TempDir
    static Path tmp;

    private static MiniHdfs hdfs;
    private static Storage storage;

    @BeforeAll
    static void start() throws Exception {
        hdfs = new MiniHdfs(tmp.resolve("dfs"));
        storage = HadoopStorage.of(hdfs.conf, hdfs.root);
    }

    @AfterAll
    static void stop() {
        if (hdfs != null) {
            hdfs.close();
        }
    }

    private static String[] args(String dir, String name, String... more) {
        List<String> args = new ArrayList<>(List.of("io.cascata.examples.leases.CountedRoot", "--n", Integer.toString(N),
                "--dir", dir, "--name", name, "--no-progress"));
        args.addAll(List.of(more));
        if (!args.contains("--workers")) {
            args.addAll(List.of("--workers", "2")); // an option may be given once
        }
        return args.toArray(String[]::new);
    }

    private static String read(String location) throws Exception {
        try (InputStream in = storage.open(location)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> env() {
        return Map.of("HADOOP_CONF_DIR", "");
    }

    @Test
    void driversInTwoWorkingDirectoriesNeverRunATaskTwice() throws Exception {
        for (int round = 0; round < 3; round++) {
            String dir = hdfs.uri("/ws-" + round);
            Path logs = tmp.resolve("logs-" + round);
            DriverProcess a = DriverProcess.start(tmp.resolve("host-a"), logs, "a", env(), args(dir, "a"));
            DriverProcess b = DriverProcess.start(tmp.resolve("host-b"), logs, "b", env(), args(dir, "b"));
            assertEquals(0, a.exitCode(180), a.output());
            assertEquals(0, b.exitCode(180), b.output());
            assertEquals(Long.toString(SUM), read(dir + "/root-a.txt"));
            assertEquals(Long.toString(SUM), read(dir + "/root-b.txt"));
            Map<String, Integer> counts = RunLog.counts(dir);
            assertEquals(N + N / 10 + 2, counts.size(), counts.toString());
            counts.forEach((task, n) -> assertEquals(1, n, task + " ran " + n + " times: " + counts));
            assertEquals(List.of(), hidden(dir), "no lease left");
        }
    }

    @Test
    void aKilledLeaseHoldersTaskIsTakenOverWithinTheTimeToLive() throws Exception {
        String dir = hdfs.uri("/ws-killed");
        Path logs = tmp.resolve("logs-killed");
        DriverProcess holder = DriverProcess.start(tmp.resolve("host-a"), logs, "holder",
                Map.of("HADOOP_CONF_DIR", "", "LEAF_PAUSE_MS", "600000"), args(dir, "a", "--workers", "1", "--lease-ttl", "3s"));
        long deadline = System.nanoTime() + 90_000_000_000L;
        Optional<String> lease = Optional.empty();
        while (lease.isEmpty() && System.nanoTime() < deadline) {
            assertTrue(holder.alive(), holder.output());
            lease = storage.list(dir + "/leaf").stream().map(StorageEntry::name).filter(n -> n.endsWith(".cascata-lease")).findFirst();
            Thread.sleep(100);
        }
        assertTrue(lease.isPresent(), holder.output());
        DriverProcess other = DriverProcess.start(tmp.resolve("host-b"), logs, "other", env(), args(dir, "b", "--lease-ttl", "3s"));
        other.awaitOutput("waiting for it");
        long killed = System.nanoTime();
        holder.kill();

        assertEquals(0, other.exitCode(180), other.output());
        long tookMillis = (System.nanoTime() - killed) / 1_000_000;
        assertTrue(tookMillis < 3000 + 30_000, "finished " + tookMillis + " ms after the kill");
        assertEquals(Long.toString(SUM), read(dir + "/root-b.txt"));
        assertTrue(other.output().contains("took over the lease"), other.output());
        Map<String, Integer> counts = RunLog.counts(dir);
        String killedLeaf = "leaf-" + lease.get().replace(".txt.cascata-lease", "").substring(1);
        assertEquals(2, counts.get(killedLeaf), counts.toString());
        counts.forEach((task, n) -> assertTrue(n == 1 || task.equals(killedLeaf), task + " ran " + n + " times"));
        assertEquals(List.of(), hidden(dir), "the killed run's lease and temporary file are gone");
    }

    private static List<String> hidden(String dir) throws Exception {
        List<String> found = new ArrayList<>();
        for (String d : List.of(dir, dir + "/leaf", dir + "/mid")) {
            storage.list(d).stream().map(StorageEntry::name).filter(n -> n.startsWith(".")).forEach(found::add);
        }
        return found;
    }
}
