package io.cascata.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.history.RunHistory;
import io.cascata.examples.PipelineProcess.Result;
import io.cascata.examples.events.TimedHello;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run history as pipeline.jar's users see it, each run its own process: runs are listed,
 * a Beam stage's runner details are kept, and a task's own log lines are in its own file.
 */
class RunHistoryProcessTest {

    @TempDir
    Path dir;

    @Test
    void runsAreListedWithTheirTasksDetailsAndLogs() throws Exception {
        Result hello = PipelineProcess.run(dir, "TimedHello", "--work", "50ms");
        assertEquals(0, hello.exitCode(), hello.err());
        Files.writeString(dir.resolve("input.txt"), TopWordsOracle.sampleText(), StandardCharsets.UTF_8);
        Result words = PipelineProcess.run(dir, "TopWords", "--input", dir.resolve("input.txt").toString(),
                "--output", "top.txt", "--top", "3", "--runner=DirectRunner");
        assertEquals(0, words.exitCode(), words.err());

        Result list = PipelineProcess.run(dir, "history");
        assertEquals(0, list.exitCode(), list.err());
        List<String> rows = list.out().lines().skip(1).toList();
        assertEquals(2, rows.size(), list.out());
        String wordsRun = rows.get(0).substring(0, rows.get(0).indexOf(' '));
        String helloRun = rows.get(1).substring(0, rows.get(1).indexOf(' '));

        Result one = PipelineProcess.run(dir, "history", wordsRun);
        assertEquals(0, one.exitCode(), one.err());
        assertTrue(one.out().contains("command: TopWords --input"), one.out());
        assertTrue(one.out().contains("runner: DirectRunner"), one.out());

        String helloId = new TimedHello(Duration.ofMillis(50)).id().value();
        Result task = PipelineProcess.run(dir, "history", helloRun, "--task", helloId);
        assertEquals(0, task.exitCode(), task.err());
        String log = task.out().substring(task.out().indexOf("Log:"));
        assertTrue(log.contains("INFO  [cascata-worker-1] TimedHello - processing time: "), task.out());
        // the task's line names its log file, which is in the run's logs directory
        String logFile = RunHistory.at(dir.resolve("workspace/_history").toString()).tasks(helloRun).stream()
                .filter(t -> t.id().equals(helloId)).findFirst().orElseThrow().log().orElseThrow();
        assertTrue(logFile.matches("TimedHello-[0-9]+\\.log"), logFile);
        assertTrue(Files.exists(dir.resolve("workspace/_history/" + helloRun + "/logs/" + logFile)));
    }
}
