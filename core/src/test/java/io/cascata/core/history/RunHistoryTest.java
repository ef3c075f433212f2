package io.cascata.core.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.cli.CascataCommand;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RunResult;
import io.cascata.core.settings.Settings;
import io.cascata.core.targets.LocalTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run history on the local disk: what a run records, the history command, retention and failures to record. */
class RunHistoryTest {

    @TempDir
    Path tmp;

    record HistLeaf(@Param("where outputs go") String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/HistLeaf.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("leaf");
        }
    }

    /** Fails its first attempt in a directory, succeeds on the next. */
    record HistFlaky(@Param("where outputs go") String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/HistFlaky.txt");
        }

        @Override
        public void run() throws IOException {
            Path marker = Path.of(dir, "flaky-tried");
            if (!Files.exists(marker)) {
                Files.createDirectories(marker.getParent());
                Files.writeString(marker, "1");
                throw new IOException("the first attempt always fails");
            }
            output().writeText("flaky");
        }
    }

    record HistRoot(@Param("where outputs go") String dir) implements Task {
        @Override
        public List<Task> requires() {
            return List.of(new HistLeaf(dir), new HistFlaky(dir));
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/HistRoot.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("root");
        }
    }

    record HistBroken(@Param("where outputs go") String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/HistBroken.txt");
        }

        @Override
        public void run() throws IOException {
            throw new IOException("disk on fire");
        }
    }

    private record Cli(int code, String out, String err) {
    }

    private static Cli cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new CascataCommand(o, e, name -> null).execute(args);
        }
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRunIsRecordedUnderTheWorkspaceAndShownByTheHistoryCommand() throws IOException {
        String dir = tmp.resolve("out").toString();
        String workspace = tmp.resolve("ws").toString();
        Cli run = cli("HistRoot", "--dir", dir, "--workspace", workspace, "--retry-count", "1", "--no-lock");
        assertEquals(0, run.code(), run.err());

        Path root = tmp.resolve("ws/_history");
        List<String> runs = RunHistory.at(root.toString()).runIds();
        assertEquals(1, runs.size());
        String runId = runs.get(0);
        RunRecord record = RunHistory.at(root.toString()).run(runId).orElseThrow();
        assertEquals(List.of("HistRoot", "--dir", dir, "--workspace", workspace, "--retry-count", "1", "--no-lock"),
                record.commandLine());
        assertEquals(System.getProperty("user.name"), record.user());
        assertEquals(0, record.exitCode().orElseThrow());
        assertTrue(record.end().orElseThrow().compareTo(record.start()) >= 0);
        assertEquals(Map.of("COMPLETED", 3), record.counts());
        // each family's counts by state, for a page that shows families before any task
        assertEquals(Map.of("HistRoot", Map.of("COMPLETED", 1), "HistLeaf", Map.of("COMPLETED", 1),
                "HistFlaky", Map.of("COMPLETED", 1)), RunHistory.at(root.toString()).families(runId).orElseThrow());
        assertEquals(3, RunHistory.at(root.toString()).tasks(runId).size());
        assertEquals(List.of(false, true), RunHistory.at(root.toString()).attempts(runId).stream()
                .filter(a -> a.task().startsWith("HistFlaky")).map(AttemptRecord::ok).toList());

        Cli list = cli("history", "--workspace", workspace);
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains(runId), list.out());
        assertTrue(list.out().contains("3 completed"), list.out());

        Cli one = cli("history", runId, "--workspace", workspace);
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().contains("command: HistRoot --dir " + dir), one.out());
        assertTrue(one.out().contains("HistFlaky(dir=" + dir + ")"), one.out());
        assertTrue(one.out().contains("COMPLETED           2"), one.out()); // the flaky task took two attempts

        Cli task = cli("history", "--task", "HistFlaky(dir=" + dir + ")", "--workspace", workspace);
        assertEquals(0, task.code(), task.err());
        assertTrue(task.out().contains("failed: IOException: the first attempt always fails"), task.out());
        assertTrue(task.out().lines().anyMatch(l -> l.startsWith(runId) && l.contains(" 2 ") && l.endsWith("ok")),
                task.out());
    }

    /**
     * Each task is written once: a completed task's line as it completes (with its last attempt's
     * start, from which its successful attempt is read back), a failed attempt as an attempt
     * line, and only what did not complete at the end.
     */
    @Test
    void eachTaskIsWrittenOnceCompletedOnesAsTheyEndTheRestAtTheEnd() throws IOException {
        String dir = tmp.resolve("out").toString();
        String history = tmp.resolve("hist").toString();
        assertEquals(0, cli("HistLeaf", "--dir", dir, "--history-dir", history, "--no-lock").code());
        long before = System.currentTimeMillis();
        assertEquals(0, cli("HistRoot", "--dir", dir, "--history-dir", history, "--retry-count", "1", "--no-lock").code());
        RunHistory read = RunHistory.at(history);
        String runId = read.runIds().get(0);

        Map<String, String> states = new java.util.HashMap<>();
        for (TaskRecord t : read.tasks(runId)) {
            assertEquals(null, states.put(t.family(), t.state()), "listed once: " + t.id());
        }
        assertEquals(Map.of("HistLeaf", "ALREADY_DONE", "HistFlaky", "COMPLETED", "HistRoot", "COMPLETED"), states);

        Path runDir = Path.of(history, runId);
        String atTheEnd = Files.readString(runDir.resolve("tasks.jsonl"));
        assertTrue(atTheEnd.contains("\"HistLeaf\"") && !atTheEnd.contains("HistFlaky") && !atTheEnd.contains("HistRoot"),
                atTheEnd);
        StringBuilder asTheyEnded = new StringBuilder();
        try (var files = Files.list(runDir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("tasks-")).toList()) {
                asTheyEnded.append(Files.readString(f));
            }
        }
        assertTrue(asTheyEnded.toString().contains("HistFlaky") && asTheyEnded.toString().contains("HistRoot")
                && !asTheyEnded.toString().contains("\"HistLeaf\""), asTheyEnded.toString());

        List<AttemptRecord> attempts = read.attempts(runId);
        assertEquals(List.of("HistFlaky 1 false", "HistFlaky 2 true", "HistRoot 1 true"), attempts.stream()
                .map(a -> a.task().substring(0, a.task().indexOf('_')) + " " + a.attempt() + " " + a.ok()).toList());
        for (AttemptRecord a : attempts) {
            assertTrue(a.startMillis() >= before && a.millis() >= 0, a.toString());
        }
        assertTrue(attempts.get(0).error().orElseThrow().contains("the first attempt always fails"));

        // Lines name tasks by family and parameters; ids and display texts are made from them as read.
        Map<String, TaskRecord> byFamily = new java.util.HashMap<>();
        read.tasks(runId).forEach(t -> byFamily.put(t.family(), t));
        assertEquals(new HistFlaky(dir).id().value(), byFamily.get("HistFlaky").id());
        assertEquals(new HistFlaky(dir).id().display(), byFamily.get("HistFlaky").display());
        assertTrue(asTheyEnded.toString().contains("\"params\":{\"dir\":"), asTheyEnded.toString());
        // Each task that ran names its log file by its number in the run; its attempts name the same file.
        String flakyLog = byFamily.get("HistFlaky").log().orElseThrow();
        assertTrue(flakyLog.matches("HistFlaky-[0-9]+\\.log"), flakyLog);
        assertEquals(List.of(flakyLog, flakyLog), attempts.subList(0, 2).stream().map(a -> a.log().orElseThrow()).toList());
        assertTrue(byFamily.get("HistRoot").log().orElseThrow().matches("HistRoot-[0-9]+\\.log"));
        assertTrue(byFamily.get("HistLeaf").log().isEmpty(), "a task complete already did not run");
    }

    /** A run recorded before formats were numbered (format 1) still reads: ids as written, logs named by hash. */
    @Test
    void aRunRecordedInTheFirstFormatStillReads() throws IOException {
        Path history = tmp.resolve("hist");
        String runId = "20260101T000000.000Z-1abcd";
        Path run = history.resolve(runId);
        Files.createDirectories(run.resolve("logs"));
        Files.writeString(run.resolve("run.json"), "{\"runId\":\"" + runId + "\",\"commandLine\":[\"Leaf\"],"
                + "\"user\":\"me\",\"host\":\"here\",\"start\":\"2026-01-01T00:00:00Z\","
                + "\"end\":\"2026-01-01T00:00:01Z\",\"exitCode\":0,\"counts\":{\"COMPLETED\":1}}\n");
        Files.writeString(run.resolve("tasks.jsonl"), "");
        Files.writeString(run.resolve("tasks-00001.jsonl"), "{\"id\":\"Leaf_7_0123456789\",\"display\":\"Leaf(i=7)\","
                + "\"family\":\"Leaf\",\"state\":\"COMPLETED\",\"attempts\":1,\"millis\":3,\"start\":1767225600000}\n");
        Files.writeString(run.resolve("logs/Leaf_0123456789.log"), "a line\n");

        RunHistory read = RunHistory.at(history.toString());
        TaskRecord task = read.tasks(runId).get(0);
        assertEquals(List.of("Leaf_7_0123456789", "Leaf(i=7)", "Leaf_0123456789.log"),
                List.of(task.id(), task.display(), task.log().orElseThrow()));
        assertEquals(Optional.of("a line\n"), read.log(runId, task.log().get()));
        assertEquals(List.of("Leaf_7_0123456789"), read.attempts(runId).stream().map(AttemptRecord::task).toList());
    }

    /** A run recorded in a newer format than this code reads is refused with one line, not shown wrong. */
    @Test
    void aRunRecordedInANewerFormatIsRefused() throws IOException {
        String history = tmp.resolve("hist").toString();
        assertEquals(0, cli("HistLeaf", "--dir", tmp.resolve("out").toString(), "--history-dir", history, "--no-lock").code());
        String runId = RunHistory.at(history).runIds().get(0);
        Path record = Path.of(history, runId, "run.json");
        Files.writeString(record, Files.readString(record).replace("\"format\":2", "\"format\":3"));

        Cli one = cli("history", runId, "--history-dir", history);
        assertEquals(1, one.code(), one.out());
        assertEquals("error: cannot read the history at " + Path.of(history).toAbsolutePath() + ": run " + runId
                + " was recorded in history format 3; this Cascata reads formats up to 2: read it with a newer one",
                one.err().strip());
    }

    @Test
    void theHistoryListsRunsNewestFirstAndKeepsOnlyTheConfiguredNumber() throws IOException {
        String history = tmp.resolve("hist").toString();
        String dir = tmp.resolve("out").toString();
        assertEquals(30, cli("HistBroken", "--dir", dir, "--history-dir", history, "--no-lock").code());
        assertEquals(0, cli("HistLeaf", "--dir", dir, "--history-dir", history, "--no-lock").code());
        assertEquals(0, cli("HistLeaf", "--dir", dir + "2", "--history-dir", history, "--no-lock").code());
        assertEquals(3, RunHistory.at(history).runIds().size());

        Cli list = cli("history", "--history-dir", history);
        List<String> rows = list.out().lines().skip(1).toList();
        assertEquals(3, rows.size(), list.out());
        assertTrue(rows.get(2).contains(" 30 ") && rows.get(2).contains(":("), list.out());
        String broken = rows.get(2).substring(0, rows.get(2).indexOf(' '));
        Cli failed = cli("history", broken, "--history-dir", history);
        assertTrue(failed.out().contains("error: IOException: disk on fire"), failed.out());

        assertEquals(0, cli("HistLeaf", "--dir", dir + "3", "--history-dir", history, "--history-keep", "2", "--no-lock").code());
        List<String> kept = RunHistory.at(history).runIds();
        assertEquals(2, kept.size());
        assertFalse(kept.contains(broken));
    }

    @Test
    void unknownRunsAndTasksAreOneLineErrors() {
        String history = tmp.resolve("hist").toString();
        assertEquals(0, cli("HistLeaf", "--dir", tmp.resolve("out").toString(), "--history-dir", history, "--no-lock").code());
        Cli run = cli("history", "20990101T000000.000Z-fffff", "--history-dir", history);
        assertEquals(2, run.code());
        assertEquals("error: the history at " + Path.of(history).toAbsolutePath() + " has no run 20990101T000000.000Z-fffff"
                + " (run 'history' to list the runs)", run.err().strip());
        Cli task = cli("history", "--task", "NoSuch(x=1)", "--history-dir", history);
        assertEquals(2, task.code());
        assertEquals(1, task.err().strip().lines().count(), task.err());
        Cli option = cli("history", "--bogus", "--history-dir", history);
        assertEquals(2, option.code());
        assertTrue(option.err().startsWith("error: Unknown option: '--bogus'"), option.err());
    }

    @Test
    void aHistoryThatCannotBeWrittenLeavesTheRunAndItsExitCodeAlone() throws IOException {
        Path notADirectory = Files.writeString(tmp.resolve("plain-file"), "x");
        String dir = tmp.resolve("out").toString();
        Cli ok = cli("HistLeaf", "--dir", dir, "--history-dir", notADirectory.resolve("h").toString(), "--no-lock");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(Files.exists(Path.of(dir, "HistLeaf.txt")));
        Cli failed = cli("HistBroken", "--dir", dir, "--history-dir", notADirectory.resolve("h").toString(), "--no-lock");
        assertEquals(30, failed.code(), failed.err());
    }

    @Test
    void theRunsEndIsWrittenByTheTimeTheRecorderIsClosedAndOnlyOnce() throws Exception {
        String history = tmp.resolve("hist").toString();
        CascataConfig config = CascataConfig.empty().withOverrides(Map.of("history", Map.of("dir", history)));
        HistorySettings settings = Settings.read(HistorySettings.class, config);
        String dir = tmp.resolve("out").toString();

        HistoryRecorder recorder = HistoryRecorder.start(settings, tmp.toString(), List.of("HistLeaf"), "me", "here")
                .orElseThrow();
        RunResult result = Driver.builder().config(config).listener(recorder).build().run(new HistLeaf(dir));
        recorder.finish(result, 0);
        recorder.finish(result, 3); // a second end is ignored: the first one stands
        recorder.close();
        RunHistory read = RunHistory.at(history);
        RunRecord ended = read.run(recorder.runId()).orElseThrow();
        assertTrue(ended.end().isPresent());
        assertEquals(0, ended.exitCode().orElseThrow());
        assertEquals(List.of(new HistLeaf(dir).id().value()), read.tasks(recorder.runId()).stream().map(TaskRecord::id).toList());
        assertEquals(1, read.attempts(recorder.runId()).size());

        // Closed before its end was recorded: the run stays unfinished, and a late end changes nothing.
        HistoryRecorder closedEarly = HistoryRecorder.start(settings, tmp.toString(), List.of("HistLeaf"), "me", "here")
                .orElseThrow();
        closedEarly.close();
        closedEarly.finish(result, 0);
        closedEarly.close();
        assertTrue(read.run(closedEarly.runId()).orElseThrow().end().isEmpty());
        assertTrue(read.tasks(closedEarly.runId()).isEmpty());
    }

    @Test
    void aRunStoppedBeforeItsEndLeavesTheAttemptsFlushedSoFar() throws Exception {
        String history = tmp.resolve("hist").toString();
        CascataConfig config = CascataConfig.empty()
                .withOverrides(Map.of("history", Map.of("dir", history, "flush-every", "50ms")));
        HistorySettings settings = Settings.read(HistorySettings.class, config);
        HistoryRecorder recorder = HistoryRecorder.start(settings, tmp.toString(), List.of("HistLeaf"), "me", "here")
                .orElseThrow();
        String dir = tmp.resolve("out").toString();
        Driver.builder().config(config).listener(recorder).build().run(new HistLeaf(dir));
        RunHistory read = RunHistory.at(history);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (read.attempts(recorder.runId()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        recorder.close(); // as if the process died here: finish() is never called

        RunRecord record = read.run(recorder.runId()).orElseThrow();
        assertTrue(record.end().isEmpty());
        List<AttemptRecord> attempts = read.attempts(recorder.runId());
        assertEquals(1, attempts.size());
        assertEquals(new HistLeaf(dir).id().value(), attempts.get(0).task());
        assertTrue(attempts.get(0).ok());

        Cli list = cli("history", "--history-dir", history);
        assertTrue(list.out().contains("did not finish"), list.out());
        Cli one = cli("history", recorder.runId(), "--history-dir", history);
        assertTrue(one.out().contains(new HistLeaf(dir).id().value()), one.out());
    }
}
