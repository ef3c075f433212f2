package io.cascata.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascata.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C, SIGTERM and timeouts on the real command line, each in its own process: the running
 * task is stopped, none of its output (staged file included) is left, the summary and its JSON
 * say what happened, and the exit code is the documented one.
 */
class InterruptionTest {

    @TempDir
    Path work;

    /** Every file under output/, hidden ones included. */
    private List<String> outputFiles() throws IOException {
        Path output = work.resolve("output");
        if (!Files.isDirectory(output)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(output)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private interface Text {
        String get() throws IOException;
    }

    private static String read(Text text) {
        try {
            return text.get();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Waits until the task is writing: its hidden staged file is there. */
    private void awaitStagedFile(RunningPipeline run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (outputFiles().stream().noneMatch(f -> f.startsWith("."))) {
            if (System.nanoTime() > deadline || run.waitFor(100, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the task never started writing: " + run.err());
            }
        }
    }

    @Test
    void sigtermDuringAnEmbeddedFlinkStageCancelsItsJobPublishesNothingAndExits143() throws Exception {
        try (RunningPipeline run = RunningPipeline.start(work, "SlowStage", "--work", "120s", "--no-lock",
                "--summary-json", "summary.json")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(work.resolve("stage-started"))) {
                if (System.nanoTime() > deadline || run.waitFor(100, TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("the stage's job never started: " + run.err());
                }
            }
            long signalled = System.nanoTime();
            run.terminate();
            assertTrue(run.waitFor(90, TimeUnit.SECONDS), "the driver ended after SIGTERM");
            long tookMillis = (System.nanoTime() - signalled) / 1_000_000;

            assertEquals(143, run.exitCode(), () -> "stdout:\n" + read(run::out) + "\nstderr:\n" + read(run::err));
            assertTrue(tookMillis < 60_000, "ended long before the stage's 120 s: " + tookMillis + " ms");
            assertEquals(List.of(), outputFiles(), "neither output/slow_stage nor a staged directory");
            String out = run.out();
            assertTrue(out.contains("* 1 failed, among these:\n    * 1 were interrupted:\n        - 1 SlowStage(work=PT2M)"), out);
            assertTrue(run.err().lines().anyMatch(l -> l.contains("Flink job") && l.contains("ended CANCELED")), run.err());
            JsonNode json = Json.mapper().readTree(work.resolve("summary.json").toFile());
            assertEquals(143, json.get("exitCode").asInt());
        }
    }

    @Test
    void sigtermStopsThePlainTaskDiscardsItsOutputAndExits143() throws Exception {
        try (RunningPipeline run = RunningPipeline.start(work, "SlowCopy", "--work", "60s", "--no-lock",
                "--summary-json", "summary.json")) {
            awaitStagedFile(run);
            long signalled = System.nanoTime();
            run.terminate();
            assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the driver ended after SIGTERM");
            long tookMillis = (System.nanoTime() - signalled) / 1_000_000;

            assertEquals(143, run.exitCode(), () -> "stdout:\n" + read(run::out) + "\nstderr:\n" + read(run::err));
            assertTrue(tookMillis < 30_000, "ended well before the task's 60 s: " + tookMillis + " ms");
            assertEquals(List.of(), outputFiles(), "neither output/slow_copy.txt nor its staged file");
            String out = run.out();
            assertTrue(out.contains("* 1 failed, among these:\n    * 1 were interrupted:\n        - 1 SlowCopy(work=PT1M)"), out);
            assertTrue(out.contains("This progress looks :( because the run was interrupted"), out);
            assertTrue(run.err().contains("interrupted by SIGTERM"), run.err());

            JsonNode json = Json.mapper().readTree(work.resolve("summary.json").toFile());
            assertEquals(143, json.get("exitCode").asInt());
            assertEquals("INTERRUPTED", json.get("tasks").get(0).get("failure").asText());
            assertEquals("interrupted (interrupted by SIGTERM)", json.get("tasks").get(0).get("error").asText());
        }
    }

    @Test
    void aSecondCtrlCEndsTheDriverAtOnceEvenWhileATaskIgnoresTheFirst() throws Exception {
        try (RunningPipeline run = RunningPipeline.start(work, "StubbornCopy", "--work", "120s", "--no-lock",
                "--interrupt-grace", "120s")) {
            awaitStagedFile(run);
            assumeFalse(run.ignoresSigint(), "this build runs in the background of a shell that ignores SIGINT");
            run.signal("INT");
            // The task ignores the interruption and the grace is long: the first Ctrl-C alone ends nothing soon.
            assertTrue(!run.waitFor(1, TimeUnit.SECONDS), "still waiting for the stubborn task: " + run.err());
            long signalled = System.nanoTime();
            run.signal("INT");
            assertTrue(run.waitFor(30, TimeUnit.SECONDS), "the second Ctrl-C ended it");
            long tookMillis = (System.nanoTime() - signalled) / 1_000_000;

            assertEquals(130, run.exitCode(), run.err());
            assertTrue(tookMillis < 10_000, "at once: " + tookMillis + " ms");
            assertTrue(run.err().contains("interrupted by SIGINT: stopping the running tasks"), run.err());
            assertTrue(run.err().contains("SIGINT again: exiting now"), run.err());
            assertTrue(outputFiles().stream().noneMatch(f -> f.equals("stubborn_copy.txt")), "no output: " + outputFiles());
        }
    }

    @Test
    void aCtrlCWithAShortGraceEndsTheRunAfterTheGraceAndTheStubbornTasksOutputNeverAppears() throws Exception {
        try (RunningPipeline run = RunningPipeline.start(work, "StubbornCopy", "--work", "120s", "--no-lock",
                "--interrupt-grace", "1s")) {
            awaitStagedFile(run);
            assumeFalse(run.ignoresSigint(), "this build runs in the background of a shell that ignores SIGINT");
            run.signal("INT");
            assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the grace bounds the wait");

            assertEquals(130, run.exitCode(), run.err());
            assertTrue(run.out().contains("* 1 were interrupted:\n        - 1 StubbornCopy(work=PT2M)"), run.out());
            assertTrue(outputFiles().stream().noneMatch(f -> f.equals("stubborn_copy.txt")), "no output: " + outputFiles());
        }
    }

    @Test
    void aTaskPastTheTimeoutFailsAsTimedOutWithNoOutput() throws Exception {
        PipelineProcess.Result result = PipelineProcess.run(work, "SlowCopy", "--work", "60s", "--task-timeout", "1s",
                "--no-lock", "--summary-json", "summary.json");

        assertEquals(30, result.exitCode(), result.err());
        assertTrue(result.out().contains("* 1 failed, among these:\n    * 1 timed out:\n        - 1 SlowCopy(work=PT1M)"),
                result.out());
        assertTrue(result.err().contains("SlowCopy(work=PT1M) timed out after 1.0 s: interrupting it"), result.err());
        assertEquals(List.of(), outputFiles());
        JsonNode task = Json.mapper().readTree(work.resolve("summary.json").toFile()).get("tasks").get(0);
        assertEquals("TIMED_OUT", task.get("failure").asText());
        assertEquals("timed out after 1.0 s", task.get("error").asText());
    }

    @Test
    void aFlakySourceIsRetriedWithBackoffUntilItSucceeds() throws Exception {
        PipelineProcess.Result result = PipelineProcess.run(work, "FlakySource", "--failures", "2",
                "--retry-delay", "300ms", "--no-lock");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("there were failed tasks but they all succeeded in a retry"), result.out());
        List<java.time.Instant> starts = Files.readAllLines(work.resolve("output/flaky_source.attempts")).stream()
                .map(java.time.Instant::parse).toList();
        assertEquals(3, starts.size());
        long firstWait = java.time.Duration.between(starts.get(0), starts.get(1)).toMillis();
        long secondWait = java.time.Duration.between(starts.get(1), starts.get(2)).toMillis();
        assertTrue(firstWait >= 300 && firstWait < 10_000, "first wait " + firstWait + " ms");
        assertTrue(secondWait >= 600 && secondWait < 10_000, "second wait, doubled: " + secondWait + " ms");
        assertEquals("exported after 3 attempts\n", Files.readString(work.resolve("output/flaky_source.txt")));
    }
}
