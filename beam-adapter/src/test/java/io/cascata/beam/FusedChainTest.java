package io.cascata.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascata.core.Param;
import io.cascata.core.WrapperTask;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskOutcome;
import io.cascata.core.run.TaskState;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.summary.SummaryJson;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.LocalDirectoryTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consecutive heavy stages, each the only consumer of the one before, run as one Flink job on
 * the embedded Flink: one job id for all, outputs equal to those of separate jobs, all failed and
 * nothing complete when the job fails; {@code [beam] no-fuse} and a second consumer keep them apart.
 */
class FusedChainTest {

    private static final Schema WORD = Schema.builder().addStringField("word").addInt64Field("length").build();

    @TempDir
    Path dir;

    /** Makes words as rows (JSON lines on disk). */
    record Words(@Param("where") String out) implements BeamStage {
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
            PCollection<Row> rows = stage.begin()
                    .apply(Create.of(List.of("alpha", "beta", "gamma", "delta", "beta", "épsilon")))
                    .apply(MapElements.into(TypeDescriptors.rows())
                            .via((String w) -> Row.withSchema(WORD).addValues(w, (long) w.length()).build()))
                    .setRowSchema(WORD);
            stage.writeRows(rows, output());
        }
    }

    /** Reads the rows before it and writes "word length" lines; may fail on a word. */
    record Lengths(@Param("where") String out, @Param("rows before") Words before, @Param("word it fails on") String failOn)
            implements BeamStage {
        @Override
        public Words requires() {
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
            stage.writeText(stage.readRows(before.output(), WORD).apply(ParDo.of(new Describe(failOn))), output());
        }
    }

    /** "word length", failing on one word when asked to. */
    static final class Describe extends DoFn<Row, String> {
        private final String failOn;

        Describe(String failOn) {
            this.failOn = failOn;
        }

        @ProcessElement
        public void process(@Element Row row, OutputReceiver<String> out) {
            if (row.getString("word").equals(failOn)) {
                throw new IllegalArgumentException("no word '" + failOn + "' here, please");
            }
            out.output(row.getString("word") + " " + row.getInt64("length"));
        }
    }

    /** Upper-cases the lines before it; may fail on a line. */
    record Shout(@Param("where") String out, @Param("lines before") BeamStage before, @Param("line it fails on") String failOn)
            implements BeamStage {
        @Override
        public BeamStage requires() {
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
            String fail = failOn;
            stage.writeText(stage.readText((LocalDirectoryTarget) before.output())
                    .apply(MapElements.into(TypeDescriptors.strings()).via((String line) -> {
                        if (line.startsWith(fail.isEmpty() ? "\u0000" : fail)) {
                            throw new IllegalStateException("the last stage fails on '" + line + "'");
                        }
                        return line.toUpperCase(java.util.Locale.ROOT);
                    })), output());
        }
    }

    /** Needs both of its tasks: the root of a graph where one stage has two consumers. */
    record Both(@Param("first") Shout a, @Param("second") Shout b) implements WrapperTask {
        @Override
        public List<Shout> requires() {
            return List.of(a, b);
        }
    }

    private static Driver driver(BeamStageExecutor executor, Map<String, String> beam) {
        return Driver.builder().workers(2).executor(executor)
                .config(CascataConfig.of(Map.of("beam", beam), System::getenv)).build();
    }

    private record Chain(Words words, Lengths lengths, Shout shout) {
        static Chain under(Path dir, String failOn) {
            Words words = new Words(dir.resolve("words").toString());
            Lengths lengths = new Lengths(dir.resolve("lengths").toString(), words, "");
            return new Chain(words, lengths, new Shout(dir.resolve("shout").toString(), lengths, failOn));
        }

        List<LocalDirectoryTarget> outputs() {
            return List.of(words.output(), lengths.output(), shout.output());
        }
    }

    /** Each task's details in the summary JSON, by its output's directory name. */
    private static Map<String, JsonNode> detailsByOutput(RunResult result) {
        Map<String, JsonNode> details = new LinkedHashMap<>();
        for (JsonNode task : SummaryJson.toJson(result, 0).path("tasks")) {
            if (task.path("params").has("out")) {
                details.put(Path.of(task.path("params").path("out").asText()).getFileName().toString(), task.path("details"));
            }
        }
        return details;
    }

    @Test
    void aChainOfThreeHeavyStagesRunsAsOneJobWithTheOutputsOfSeparateJobs() throws Exception {
        Chain fused = Chain.under(dir.resolve("fused"), "");
        BeamStageExecutor fusing = new BeamStageExecutor();
        RunResult result = driver(fusing, Map.of()).run(fused.shout());

        assertTrue(result.success(), ExecutionSummary.render(result));
        assertEquals(1, fusing.pipelinesStarted(), "one pipeline for the three stages");
        Map<String, JsonNode> details = detailsByOutput(result);
        assertEquals(3, details.size(), details.toString());
        List<String> jobs = new ArrayList<>();
        for (JsonNode d : details.values()) {
            jobs.add(d.path(BeamStageExecutor.FLINK_JOB_ID).asText());
            assertEquals(fused.words().id().display() + " -> " + fused.lengths().id().display() + " -> "
                    + fused.shout().id().display(), d.path(BeamStageExecutor.FUSED).asText(), d.toString());
        }
        assertNotEquals("", jobs.get(0));
        assertEquals(1, jobs.stream().distinct().count(), "one Flink job id for the three: " + jobs);
        // Each stage's own counts, though they ran in one job.
        assertEquals("6", details.get("words").path("elements-written").asText(), details.toString());
        assertEquals("6", details.get("lengths").path("elements-read").asText(), details.toString());
        assertEquals("6", details.get("shout").path("elements-read").asText(), details.toString());
        String summary = ExecutionSummary.render(result);
        assertTrue(summary.contains("fused with " + fused.lengths().id().display() + ", " + fused.shout().id().display()
                + " in one Flink job"), summary);

        Chain separate = Chain.under(dir.resolve("separate"), "");
        BeamStageExecutor unfused = new BeamStageExecutor();
        RunResult alone = driver(unfused, Map.of("no-fuse", "true")).run(separate.shout());

        assertTrue(alone.success(), ExecutionSummary.render(alone));
        assertEquals(3, unfused.pipelinesStarted(), "no-fuse: a pipeline per stage");
        List<String> separateJobs = new ArrayList<>();
        for (JsonNode d : detailsByOutput(alone).values()) {
            separateJobs.add(d.path(BeamStageExecutor.FLINK_JOB_ID).asText());
            assertFalse(d.has(BeamStageExecutor.FUSED), d.toString());
        }
        assertEquals(3, separateJobs.stream().distinct().count(), "a job per stage: " + separateJobs);
        for (int i = 0; i < 3; i++) {
            List<String> fusedLines = lines(fused.outputs().get(i));
            assertEquals(lines(separate.outputs().get(i)), fusedLines, fused.outputs().get(i).location());
            assertEquals(6, fusedLines.size(), fusedLines.toString());
        }
        assertTrue(lines(fused.shout().output()).contains("ÉPSILON 7"), lines(fused.shout().output()).toString());
    }

    @Test
    void aFailureInTheLastStageLeavesNoneOfTheChainCompleteAndFailsThemAll() throws Exception {
        Chain chain = Chain.under(dir, "gamma");
        BeamStageExecutor executor = new BeamStageExecutor();
        RunResult result = driver(executor, Map.of()).run(chain.shout());

        assertFalse(result.success());
        assertEquals(1, executor.pipelinesStarted(), "the chain ran as one job");
        assertEquals(3, result.outcomes().size());
        for (TaskOutcome o : result.outcomes()) {
            assertEquals(TaskState.FAILED, o.state(), ExecutionSummary.render(result));
            assertTrue(o.error().contains("the last stage fails on 'gamma 5'"), o.error());
            assertTrue(o.error().contains("fused job of " + chain.words().id().display() + " -> "), o.error());
        }
        for (LocalDirectoryTarget output : chain.outputs()) {
            assertFalse(output.exists(), output.location());
            assertFalse(Files.exists(Path.of(output.location())), output.location());
        }
        String summary = ExecutionSummary.render(result);
        assertTrue(summary.contains("* 3 failed:"), summary);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString()).toList(),
                    "nothing is left, not even hidden staging directories");
        }

        // Run again without the failure: all three run, and complete.
        Chain fixed = new Chain(chain.words(), chain.lengths(), new Shout(chain.shout().out(), chain.lengths(), ""));
        RunResult again = driver(executor, Map.of()).run(fixed.shout());
        assertTrue(again.success(), ExecutionSummary.render(again));
        assertEquals(2, executor.pipelinesStarted());
        for (LocalDirectoryTarget output : fixed.outputs()) {
            assertTrue(output.exists(), output.location());
        }
    }

    @Test
    void aStageWithTwoConsumersIsNotFused() throws Exception {
        Words words = new Words(dir.resolve("words").toString());
        Lengths lengths = new Lengths(dir.resolve("lengths").toString(), words, "");
        Shout a = new Shout(dir.resolve("a").toString(), lengths, "");
        Shout b = new Shout(dir.resolve("b").toString(), lengths, "");
        BeamStageExecutor executor = new BeamStageExecutor();
        RunResult result = driver(executor, Map.of()).run(new Both(a, b));

        assertTrue(result.success(), ExecutionSummary.render(result));
        Map<String, JsonNode> details = detailsByOutput(result);
        // words -> lengths fuse; lengths has two consumers, so a and b run on their own.
        assertEquals(3, executor.pipelinesStarted(), details.toString());
        String chainJob = details.get("words").path(BeamStageExecutor.FLINK_JOB_ID).asText();
        assertEquals(chainJob, details.get("lengths").path(BeamStageExecutor.FLINK_JOB_ID).asText());
        List<String> jobs = List.of(chainJob, details.get("a").path(BeamStageExecutor.FLINK_JOB_ID).asText(),
                details.get("b").path(BeamStageExecutor.FLINK_JOB_ID).asText());
        assertEquals(3, jobs.stream().distinct().count(), jobs.toString());
        assertFalse(details.get("a").has(BeamStageExecutor.FUSED));
        assertFalse(details.get("b").has(BeamStageExecutor.FUSED));
        assertEquals(lines(a.output()), lines(b.output()));
    }

    /** Reads the words before it and never ends, after saying (through a file) that its job runs. */
    record Stuck(@Param("where") String out, @Param("rows before") Words before, @Param("started flag") String flag)
            implements BeamStage {
        @Override
        public Words requires() {
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
            stage.writeText(stage.readText(before.output()).apply(ParDo.of(new EmbeddedFlinkTest.WaitForever(flag))), output());
        }
    }

    @Test
    void interruptingAFusedChainCancelsItsOneJobAndPublishesNothing() throws Exception {
        Path flag = dir.resolve("started");
        Path work = dir.resolve("work");
        Words words = new Words(work.resolve("words").toString());
        Stuck stuck = new Stuck(work.resolve("stuck").toString(), words, flag.toString());
        java.util.concurrent.CompletableFuture<Thread> worker = new java.util.concurrent.CompletableFuture<>();
        Driver driver = Driver.builder().executor(new BeamStageExecutor())
                .config(CascataConfig.of(Map.of(), System::getenv))
                .listener(e -> {
                    if (e.type() == io.cascata.core.run.Event.START) {
                        worker.complete(Thread.currentThread());
                    }
                }).build();
        java.util.concurrent.CompletableFuture<RunResult> run = java.util.concurrent.CompletableFuture.supplyAsync(() -> driver.run(stuck));
        Thread thread = worker.get(60, java.util.concurrent.TimeUnit.SECONDS);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(flag) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(flag), "the job started");

        thread.interrupt();
        RunResult result = run.get(ClusterJob.CANCEL_WAIT.toSeconds() + 30, java.util.concurrent.TimeUnit.SECONDS);

        assertEquals(2, result.outcomes().size());
        String job = result.outcomes().get(0).details().get(BeamStageExecutor.FLINK_JOB_ID);
        for (TaskOutcome o : result.outcomes()) {
            assertEquals(TaskState.FAILED, o.state(), ExecutionSummary.render(result));
            assertEquals(job, o.details().get(BeamStageExecutor.FLINK_JOB_ID));
            assertTrue(o.error().contains("Flink job " + job + " ended CANCELED"), o.error());
        }
        assertFalse(Files.exists(work.resolve("words")), "the first stage's output is not published either");
        assertFalse(Files.exists(work.resolve("stuck")));
        if (Files.exists(work)) { // the run removes the directories it made and left empty
            try (Stream<Path> left = Files.list(work)) {
                assertEquals(List.of(), left.map(p -> p.getFileName().toString()).toList(), "no staging directories are left");
            }
        }
    }

    private static List<String> lines(LocalDirectoryTarget target) throws IOException {
        List<String> lines = new ArrayList<>();
        for (FileTarget f : target.files()) {
            lines.addAll(f.readLines());
        }
        return lines.stream().sorted().toList();
    }
}
