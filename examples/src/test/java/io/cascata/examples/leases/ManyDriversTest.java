package io.cascata.examples.leases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several driver processes on one workspace on the local disk: overlapping graphs started together
 * never run a task twice; a killed lease holder's task is taken over at once, a stopped one's is
 * not (its process still lives) and the waiting driver names it; what killed runs leave is gone
 * after a clean run.
 */
class ManyDriversTest {

    private static final int N = 40;
    private static final long SUM = (long) N * (N - 1) / 2;

    @TempDir
    Path tmp;

    private static String[] args(Path dir, String name, String... more) {
        List<String> args = new ArrayList<>(List.of("io.cascata.examples.leases.CountedRoot", "--n", Integer.toString(N),
                "--dir", dir.toString(), "--name", name, "--no-progress"));
        args.addAll(List.of(more));
        if (!args.contains("--workers")) {
            args.addAll(List.of("--workers", "2")); // an option may be given once
        }
        return args.toArray(String[]::new);
    }

    /** Hidden entries left in the run's directories (leases, temporaries, markers). */
    private static List<String> hidden(Path dir) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path d : List.of(dir, dir.resolve("leaf"), dir.resolve("mid"))) {
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).forEach(n -> found.add(d.getFileName() + "/" + n));
                }
            }
        }
        return found;
    }

    private static void assertEachTaskRanOnce(String dir, String... roots) throws IOException {
        Map<String, Integer> counts = RunLog.counts(dir);
        assertEquals(N + N / 10 + roots.length, counts.size(), counts.toString());
        counts.forEach((task, n) -> assertEquals(1, n, task + " ran " + n + " times: " + counts));
    }

    @Test
    void overlappingDriversStartedTogetherNeverRunATaskTwice() throws Exception {
        for (int round = 0; round < 10; round++) {
            Path dir = tmp.resolve("round-" + round);
            Path logs = tmp.resolve("logs-" + round);
            DriverProcess a = DriverProcess.start(tmp, logs, "a", Map.of(), args(dir, "a"));
            DriverProcess b = DriverProcess.start(tmp, logs, "b", Map.of(), args(dir, "b"));
            assertEquals(0, a.exitCode(120), a.output());
            assertEquals(0, b.exitCode(120), b.output());
            assertEquals(Long.toString(SUM), Files.readString(dir.resolve("root-a.txt")));
            assertEquals(Long.toString(SUM), Files.readString(dir.resolve("root-b.txt")));
            assertEachTaskRanOnce(dir.toString(), "a", "b");
            assertEquals(List.of(), hidden(dir), "no lease or temporary left");
        }
    }

    @Test
    void aKilledLeaseHoldersTaskIsTakenOverAtOnceOnTheSameHost() throws Exception {
        Path dir = tmp.resolve("work");
        Path logs = tmp.resolve("logs");
        DriverProcess holder = DriverProcess.start(tmp, logs, "holder", Map.of("LEAF_PAUSE_MS", "600000"),
                args(dir, "a", "--workers", "1"));
        String killedLeaf = waitForRunningLeaf(dir, holder);
        DriverProcess other = DriverProcess.start(tmp, logs, "other", Map.of(), args(dir, "b"));
        other.awaitOutput("is being run by pid " + holder.pid() + " on ");
        long killed = System.nanoTime();
        holder.kill();

        assertEquals(0, other.exitCode(120), other.output());
        long tookMillis = (System.nanoTime() - killed) / 1_000_000;
        assertTrue(tookMillis < 20_000, "finished " + tookMillis + " ms after the kill");
        assertEquals(Long.toString(SUM), Files.readString(dir.resolve("root-b.txt")));
        Map<String, Integer> counts = RunLog.counts(dir.toString());
        assertEquals(2, counts.get(killedLeaf), counts.toString());
        counts.forEach((task, n) -> assertTrue(n == 1 || task.equals(killedLeaf), task + " ran " + n + " times"));
        assertEquals(List.of(), hidden(dir), "the killed run's lease and temporary file are gone");
    }

    @Test
    void aStoppedLeaseHoldersTaskIsNotRunTwiceAndTheWaitingDriverNamesIt() throws Exception {
        Path dir = tmp.resolve("work");
        Path logs = tmp.resolve("logs");
        DriverProcess holder = DriverProcess.start(tmp, logs, "holder", Map.of("LEAF_PAUSE_MS", "600000"),
                args(dir, "a", "--workers", "1"));
        try {
            String stoppedLeaf = waitForRunningLeaf(dir, holder);
            holder.signal("STOP");
            DriverProcess other = DriverProcess.start(tmp, logs, "other", Map.of(), args(dir, "b", "--lease-wait", "3s"));
            assertEquals(10, other.exitCode(120), other.output());
            assertTrue(other.output().contains("were being run by another worker"), other.output());
            assertTrue(other.output().contains("is still being run by pid " + holder.pid() + " on ")
                    && other.output().contains("(stopped)"), other.output());
            assertEquals(1, RunLog.counts(dir.toString()).get(stoppedLeaf), "the stopped holder's task did not run twice");
        } finally {
            holder.kill();
        }
    }

    @Test
    void leftoversOfKilledRunsAreGoneAfterACleanRun() throws Exception {
        Path dir = tmp.resolve("work");
        Path logs = tmp.resolve("logs");
        Path locks = tmp.resolve("locks");
        Random random = new Random(12);
        int leftBehind = 0;
        for (int round = 0; round < 5; round++) {
            DriverProcess run = DriverProcess.start(tmp, logs, "killed-" + round, Map.of("LEAF_PAUSE_MS", "150"),
                    args(dir, "a", "--lock-dir", locks.toString()));
            waitForRunningLeaf(dir, run);
            Thread.sleep(random.nextInt(1000));
            run.kill();
            leftBehind += hidden(dir).size();
        }
        assertTrue(leftBehind > 0, "the kills left something to clean");
        DriverProcess clean = DriverProcess.start(tmp, logs, "clean", Map.of(), args(dir, "a", "--lock-dir", locks.toString()));
        assertEquals(0, clean.exitCode(120), clean.output());
        assertEquals(Long.toString(SUM), Files.readString(dir.resolve("root-a.txt")));
        assertEquals(List.of(), hidden(dir));
        try (Stream<Path> s = Files.list(locks)) {
            assertEquals(List.of(), s.toList(), "no run lock files left");
        }
    }

    @Test
    void aSecondRunOfTheSameRootsIsRefusedNamingTheHolderAndLeavesNoLockFile() throws Exception {
        Path dir = tmp.resolve("work");
        Path logs = tmp.resolve("logs");
        Path locks = tmp.resolve("locks");
        DriverProcess holder = DriverProcess.start(tmp, logs, "holder", Map.of("LEAF_PAUSE_MS", "600000"),
                args(dir, "a", "--lock-dir", locks.toString()));
        try {
            waitForRunningLeaf(dir, holder);
            DriverProcess second = DriverProcess.start(tmp, logs, "second", Map.of(), args(dir, "a", "--lock-dir", locks.toString()));
            assertEquals(10, second.exitCode(120), second.output());
            assertTrue(second.output().contains("pid " + holder.pid() + " on ") && second.output().contains("holds the run lock"),
                    second.output());
            assertTrue(second.output().contains("were being run by another worker"), second.output());
        } finally {
            holder.kill();
        }
        DriverProcess after = DriverProcess.start(tmp, logs, "after", Map.of(), args(dir, "a", "--lock-dir", locks.toString()));
        assertEquals(0, after.exitCode(120), after.output());
        try (Stream<Path> s = Files.list(locks)) {
            assertEquals(List.of(), s.toList(), "the killed holder's lock file went with the next run");
        }
        Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");
        DriverProcess bad = DriverProcess.start(tmp, logs, "bad", Map.of(), args(dir, "a", "--lock-dir", file.toString()));
        assertEquals(2, bad.exitCode(120), bad.output());
        assertTrue(bad.output().startsWith("error: lock directory " + file + " (--lock-dir, [core] lock-dir) is a file"),
                bad.output());
        assertEquals(1, bad.output().lines().count(), bad.output());
    }

    /** The first leaf the holder runs (under its lease), once it runs, as RunLog names it. */
    private static String waitForRunningLeaf(Path dir, DriverProcess holder) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir.resolve("runs"))) {
                var leaf = RunLog.counts(dir.toString()).keySet().stream().filter(t -> t.startsWith("leaf-")).findFirst();
                if (leaf.isPresent()) {
                    return leaf.get();
                }
            }
            assertTrue(holder.alive(), holder.output());
            Thread.sleep(50);
        }
        throw new AssertionError("no leaf started: " + holder.output());
    }
}
