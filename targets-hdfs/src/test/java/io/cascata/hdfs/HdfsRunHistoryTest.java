package io.cascata.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.history.AttemptRecord;
import io.cascata.core.history.HistoryRecorder;
import io.cascata.core.history.HistorySettings;
import io.cascata.core.history.RunHistory;
import io.cascata.core.history.RunRecord;
import io.cascata.core.history.TaskRecord;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RetCodes;
import io.cascata.core.run.RunResult;
import io.cascata.core.settings.Settings;
import io.cascata.core.targets.LocalTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run history kept on a real HDFS: records, attempts, tasks, logs and retention. */
class HdfsRunHistoryTest {

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

    record LoggingTask(@Param("where the output goes") String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/logged.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("done");
        }
    }

    record FailingTask(@Param("where the output goes") String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/never.txt");
        }

        @Override
        public void run() throws IOException {
            throw new IOException("no space left");
        }
    }

    private static String record(String history, Task task, int keep) throws IOException {
        CascataConfig config = CascataConfig.empty().withOverrides(Map.of("history", Map.of("dir", history,
                "keep", String.valueOf(keep))));
        HistorySettings settings = Settings.read(HistorySettings.class, config);
        try (HistoryRecorder recorder = HistoryRecorder.start(settings, "unused", List.of("Task"), "me", "here")
                .orElseThrow()) {
            RunResult result = Driver.builder().config(config).listener(recorder).build().run(task);
            // what a logging backend routing by the task's context (TaskLogs) would have appended;
            // the run's only task is its task number 1
            Path log = recorder.taskLog(task.id().family(), 1);
            Files.createDirectories(log.getParent());
            Files.writeString(log, "a line of " + task.id().display() + "\n");
            recorder.finish(result, RetCodes.from(config).exitCode(result));
            return recorder.runId();
        }
    }

    @Test
    void runsAreRecordedReadAndPrunedOnHdfs() throws Exception {
        String history = hdfs.uri("/history");
        String dir = base.resolve("out").toString();
        String ok = record(history, new LoggingTask(dir), 2);
        RunHistory read = RunHistory.at(history);
        RunRecord run = read.run(ok).orElseThrow();
        assertEquals(0, run.exitCode().orElseThrow());
        assertEquals(Map.of("COMPLETED", 1), run.counts());
        String id = new LoggingTask(dir).id().value();
        List<TaskRecord> tasks = read.tasks(ok);
        assertEquals(1, tasks.size());
        assertEquals(id, tasks.get(0).id());
        List<AttemptRecord> attempts = read.attempts(ok);
        assertEquals(1, attempts.size());
        assertTrue(attempts.get(0).ok());
        assertEquals(Optional.of("LoggingTask-1.log"), tasks.get(0).log());
        assertEquals("a line of " + new LoggingTask(dir).id().display() + "\n", read.log(ok, "LoggingTask-1.log").orElseThrow());
        assertTrue(hdfs.fs().exists(new org.apache.hadoop.fs.Path(history + "/" + ok + "/logs/LoggingTask-1.log")));

        String failed = record(history, new FailingTask(dir), 2);
        assertEquals(30, read.run(failed).orElseThrow().exitCode().orElseThrow());
        assertEquals("IOException: no space left", read.tasks(failed).get(0).error().orElseThrow());
        assertEquals(List.of(failed, ok), read.runs().stream().map(RunRecord::runId).toList());

        String third = record(history, new LoggingTask(dir + "2"), 2);
        assertEquals(List.of(third, failed), read.runs().stream().map(RunRecord::runId).toList());
    }
}
