package io.cascata.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascata.core.Param;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.json.Json;
import io.cascata.core.run.Driver;
import io.cascata.core.run.Event;
import io.cascata.core.run.FailureReason;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskOutcome;
import io.cascata.core.run.TaskState;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.summary.SummaryJson;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.LocalDirectoryTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heavy stages on {@code [local]} share one embedded Flink per run, which leaves nothing behind;
 * an interrupted stage's job is cancelled; a stage's Beam metrics reach the summary JSON.
 */
class EmbeddedFlinkTest {

    @TempDir
    Path dir;

    /** One step of a chain of heavy stages: the first makes numbers, each next one adds one to each. */
    record Step(@Param("where") String out, @Param("step before, if any") List<Step> before) implements BeamStage {
        @Override
        public List<Step> requires() {
            return before;
        }

        @Override
        public LocalDirectoryTarget output() {
            return LocalDirectoryTarget.of(out);
        }

        @Override
        public Weight weight() {
            return Weight.HEAVY;
        }

        @Override
        public void build(StageContext stage) {
            PCollection<String> numbers = !before.isEmpty()
                    ? stage.readText(before.get(0).output())
                    : stage.begin().apply(Create.of(List.of("1", "2", "3", "4", "5")));
            stage.writeText(numbers.apply(ParDo.of(new AddOne())), output());
        }
    }

    /** Adds one, and counts what it saw in Beam metrics. */
    static final class AddOne extends DoFn<String, String> {
        private final Counter seen = Metrics.counter("test", "seen");
        private final Distribution values = Metrics.distribution("test", "values");

        @ProcessElement
        public void process(@Element String n, OutputReceiver<String> out) {
            seen.inc();
            values.update(Long.parseLong(n.trim()));
            out.output(Long.toString(Long.parseLong(n.trim()) + 1));
        }
    }

    /**
     * A heavy stage whose job runs until it is cancelled, after saying (through a file) that it
     * has started; with a limit, its own timeout stops it.
     */
    record Endless(@Param("where") String out, @Param("started flag") String flag,
            @Param("its timeout, if any") Optional<Duration> limit) implements BeamStage {
        @Override
        public LocalDirectoryTarget output() {
            return LocalDirectoryTarget.of(out);
        }

        @Override
        public Weight weight() {
            return Weight.HEAVY;
        }

        @Override
        public Optional<Duration> timeout() {
            return limit;
        }

        @Override
        public void build(StageContext stage) {
            stage.writeText(stage.begin().apply(Create.of(List.of("x"))).apply(ParDo.of(new WaitForever(flag))), output());
        }
    }

    /** Writes the flag, then sleeps until Flink interrupts it (at most ten minutes). */
    static final class WaitForever extends DoFn<String, String> {
        private final String flag;

        WaitForever(String flag) {
            this.flag = flag;
        }

        @ProcessElement
        public void process(@Element String x, OutputReceiver<String> out) throws Exception {
            Files.writeString(Path.of(flag), "started");
            Thread.sleep(TimeUnit.MINUTES.toMillis(10));
            out.output(x);
        }
    }

    private static Driver driver(BeamStageExecutor executor, int workers) {
        return Driver.builder().workers(workers).executor(executor)
                .config(CascataConfig.of(Map.of(), System::getenv)).build();
    }

    /** A driver that runs every heavy stage as a job of its own. */
    private static Driver unfused(BeamStageExecutor executor) {
        return Driver.builder().workers(1).executor(executor)
                .config(CascataConfig.of(Map.of("beam", Map.of("no-fuse", "true")), System::getenv)).build();
    }

    private static Set<String> tmpdirEntries() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return new TreeSet<>(entries.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void severalHeavyStagesOfARunShareOneEmbeddedFlinkAndLeaveNothingInTheTemporaryDirectory() throws Exception {
        Step first = new Step(dir.resolve("s1").toString(), List.of());
        Step second = new Step(dir.resolve("s2").toString(), List.of(first));
        Step third = new Step(dir.resolve("s3").toString(), List.of(second));
        BeamStageExecutor executor = new BeamStageExecutor();
        Set<String> before = tmpdirEntries();

        RunResult result = unfused(executor).run(third);

        assertTrue(result.success(), ExecutionSummary.render(result));
        assertEquals(1, executor.embeddedClustersStarted(), "one embedded Flink for the run");
        assertEquals(3, executor.pipelinesStarted());
        List<String> rest = new ArrayList<>();
        List<String> jobs = new ArrayList<>();
        for (TaskOutcome o : result.outcomes()) {
            assertEquals(TaskState.COMPLETED, o.state());
            rest.add(o.details().get(BeamStageExecutor.FLINK_REST));
            jobs.add(o.details().get(BeamStageExecutor.FLINK_JOB_ID));
        }
        assertEquals(1, rest.stream().distinct().count(), "every stage went to the same Flink: " + rest);
        assertEquals(3, jobs.stream().distinct().count(), "a job per stage: " + jobs);
        assertEquals(List.of("4", "5", "6", "7", "8"), lines(third.output()));

        assertEquals(before, tmpdirEntries(), "the run left files in java.io.tmpdir");
        assertFalse(answers(rest.get(0)), "the embedded Flink stopped with the run");

        // The next run starts a Flink of its own.
        Step again = new Step(dir.resolve("s4").toString(), List.of(third));
        assertTrue(unfused(executor).run(again).success());
        assertEquals(2, executor.embeddedClustersStarted());
        assertEquals(before, tmpdirEntries());
    }

    @Test
    void whatAKilledRunLeftIsRemovedByTheNextRunAndALiveRunsFilesAreKept() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        // A process that has ended stands for a driver killed with kill -9.
        // It must still run while its start time is read (the system forgets it at exit), so it waits to be ended.
        Process gone = new ProcessBuilder("sleep", "60").start();
        long started = gone.toHandle().info().startInstant().orElseThrow().toEpochMilli();
        gone.destroyForcibly();
        assertTrue(gone.waitFor(30, TimeUnit.SECONDS), "the stand-in process ended");
        Path abandoned = tmp.resolve("cascata-flink-" + gone.pid() + "-" + started + "-0123456789ab");
        Files.createDirectories(abandoned.resolve("minicluster_x/tm_0/blobStorage"));
        Files.writeString(abandoned.resolve("flink-rpc-akka_x.jar"), "left behind");
        ProcessHandle self = ProcessHandle.current();
        Path live = tmp.resolve("cascata-flink-" + self.pid() + "-"
                + self.info().startInstant().orElseThrow().toEpochMilli() + "-ba9876543210");
        Files.createDirectories(live);
        try {
            RunResult result = driver(new BeamStageExecutor(), 1)
                    .run(new Step(dir.resolve("k1").toString(), List.of()));
            assertTrue(result.success(), ExecutionSummary.render(result));
            assertFalse(Files.exists(abandoned), "the killed run's directory is removed");
            assertTrue(Files.exists(live), "a live driver's directory is kept");
        } finally {
            Files.deleteIfExists(live);
        }
    }

    @Test
    void interruptingAStageCancelsItsJobAndPublishesNothing() throws Exception {
        Path flag = dir.resolve("started");
        Endless stage = new Endless(dir.resolve("endless").toString(), flag.toString(), Optional.empty());
        CompletableFuture<Thread> worker = new CompletableFuture<>();
        Driver driver = Driver.builder().executor(new BeamStageExecutor())
                .config(CascataConfig.of(Map.of(), System::getenv))
                .listener(e -> {
                    if (e.type() == Event.START) {
                        worker.complete(Thread.currentThread());
                    }
                }).build();
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> driver.run(stage));
        Thread thread = worker.get(60, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(flag) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(flag), "the job started");

        long interrupted = System.nanoTime();
        thread.interrupt();
        RunResult result = run.get(ClusterJob.CANCEL_WAIT.toSeconds() + 30, TimeUnit.SECONDS);
        long tookMs = (System.nanoTime() - interrupted) / 1_000_000;

        TaskOutcome outcome = result.outcomes().get(0);
        assertEquals(TaskState.FAILED, outcome.state(), ExecutionSummary.render(result));
        String job = outcome.details().get(BeamStageExecutor.FLINK_JOB_ID);
        assertTrue(outcome.error().contains("Flink job " + job + " ended CANCELED"), outcome.error());
        assertTrue(tookMs < ClusterJob.CANCEL_WAIT.toMillis(), "cancelled in " + tookMs + " ms");
        assertFalse(Files.exists(Path.of(stage.out())), "no output is visible");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("started"), left.map(p -> p.getFileName().toString()).toList(),
                    "nothing but the flag, not even hidden staging directories");
        }
    }

    @Test
    void aStageThatRunsPastItsTimeoutHasItsJobCancelledAndPublishesNothing() throws Exception {
        Path flag = dir.resolve("started");
        Endless stage = new Endless(dir.resolve("timed").toString(), flag.toString(), Optional.of(Duration.ofSeconds(12)));
        List<Event> events = new CopyOnWriteArrayList<>();
        Driver driver = Driver.builder().executor(new BeamStageExecutor())
                .config(CascataConfig.of(Map.of(), System::getenv))
                .listener(e -> events.add(e.type())).build();

        long start = System.nanoTime();
        RunResult result = driver.run(stage);
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        TaskOutcome outcome = result.outcomes().get(0);
        assertEquals(TaskState.FAILED, outcome.state(), ExecutionSummary.render(result));
        assertEquals(FailureReason.TIMED_OUT, outcome.failure(), outcome.error());
        assertTrue(events.contains(Event.TIMEOUT), "a TIMEOUT event: " + events);
        assertTrue(Files.exists(flag), "the job was running when the timeout came");
        assertTrue(outcome.details().containsKey(BeamStageExecutor.FLINK_JOB_ID), "its job was submitted: " + outcome.details());
        assertTrue(outcome.error().startsWith("timed out after 12.0 s"), outcome.error());
        assertTrue(tookMs < 12_000 + ClusterJob.CANCEL_WAIT.toMillis(), "ended " + tookMs + " ms after it started");
        assertFalse(Files.exists(Path.of(stage.out())), "no output is visible");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("started"), left.map(p -> p.getFileName().toString()).toList(),
                    "nothing but the flag, not even hidden staging directories");
        }
    }

    @Test
    void aStagesBeamMetricsAndElementCountsReachTheSummaryJsonAlsoWhenFused() throws Exception {
        Step first = new Step(dir.resolve("m1").toString(), List.of());
        Step second = new Step(dir.resolve("m2").toString(), List.of(first));
        RunResult result = driver(new BeamStageExecutor(), 1).run(second);
        assertTrue(result.success(), ExecutionSummary.render(result));

        JsonNode details = null;
        for (JsonNode task : SummaryJson.toJson(result, 0).path("tasks")) {
            if (task.path("params").path("out").asText().endsWith("m2")) {
                details = task.path("details");
            }
        }
        assertEquals("5", details.path("elements-read").asText(), details.toString());
        assertEquals("5", details.path("elements-written").asText(), details.toString());
        assertEquals("count 5, sum 20, min 2, max 6", details.path("metric.test.values").asText(), details.toString());
        assertEquals("5", details.path("metric.test.seen").asText(), details.toString());
        assertNotEquals("", details.path(BeamStageExecutor.FLINK_JOB_ID).asText());
    }

    private static List<String> lines(LocalDirectoryTarget target) throws IOException {
        List<String> lines = new ArrayList<>();
        for (FileTarget f : target.files()) {
            lines.addAll(f.readLines());
        }
        return lines.stream().sorted().toList();
    }

    private static boolean answers(String restAddress) {
        try {
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create("http://" + restAddress + "/config")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
