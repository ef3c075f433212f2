package io.cascata.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.run.Driver;
import io.cascata.core.run.Event;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskOutcome;
import io.cascata.core.run.TaskState;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.targets.LocalDirectoryTarget;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.LocalTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stages run as their own pipelines, on the runner chosen for them, with all-or-nothing outputs. */
class StageExecutionTest {

    @TempDir
    Path dir;

    /** Writes the numbers 1..n, one a line. */
    record Numbers(@Param("where") String out, @Param("how many") int n, @Param("weight") Weight w) implements BeamStage {
        @Override
        public LocalDirectoryTarget output() {
            return LocalDirectoryTarget.of(out);
        }

        @Override
        public Weight weight() {
            return w;
        }

        @Override
        public void build(StageContext stage) {
            List<String> lines = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                lines.add(Integer.toString(i));
            }
            stage.writeText(stage.begin().apply(Create.of(lines)), output());
        }
    }

    /** Squares its input's numbers; throws on one of them when told to. */
    record Squares(@Param("where") String out, @Param("input stage") Numbers from, @Param("throw on") int throwOn)
            implements BeamStage {
        @Override
        public Numbers requires() {
            return from;
        }

        @Override
        public LocalDirectoryTarget output() {
            return LocalDirectoryTarget.of(out);
        }

        @Override
        public void build(StageContext stage) {
            LocalDirectoryTarget in = input();
            stage.writeText(stage.readText(in).apply(ParDo.of(new SquareFn(throwOn))), output());
        }
    }

    static final class SquareFn extends DoFn<String, String> {
        private final int throwOn;

        SquareFn(int throwOn) {
            this.throwOn = throwOn;
        }

        @ProcessElement
        public void process(@Element String line, OutputReceiver<String> out) {
            int n = Integer.parseInt(line.trim());
            if (n == throwOn) {
                throw new IllegalStateException("refusing to square " + n);
            }
            out.output(Long.toString((long) n * n));
        }
    }

    /** A plain task that adds up a stage's output. */
    record Total(@Param("where") String out, @Param("squares") Squares from) implements Task {
        @Override
        public Squares requires() {
            return from;
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(out);
        }

        @Override
        public void run() throws Exception {
            LocalDirectoryTarget in = input();
            long sum = 0;
            for (FileTarget f : in.files()) {
                for (String line : f.readLines()) {
                    sum += Long.parseLong(line.trim());
                }
            }
            output().writeText(Long.toString(sum));
        }
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private static RunResult run(Map<String, String> beam, int workers, Task... roots) {
        CascataConfig config = CascataConfig.of(Map.of("beam", beam), System::getenv);
        return Driver.builder().workers(workers).config(config).build().run(roots);
    }

    private static long sumOfSquares(int n) {
        long s = 0;
        for (long i = 1; i <= n; i++) {
            s += i * i;
        }
        return s;
    }

    @Test
    void aMixedDagRunsEachStageOnItsRunnerAndSaysSo() throws Exception {
        Numbers numbers = new Numbers(p("numbers"), 100, Weight.HEAVY);
        Squares squares = new Squares(p("squares"), numbers, -1);
        Total total = new Total(p("total.txt"), squares);
        RunResult result = run(Map.of(), 1, total);

        assertTrue(result.success(), ExecutionSummary.render(result));
        assertEquals(Long.toString(sumOfSquares(100)), Files.readString(Path.of(p("total.txt"))));
        assertEquals("FlinkRunner", detail(result, "Numbers", BeamStageExecutor.RUNNER));
        assertEquals("weight HEAVY", detail(result, "Numbers", BeamStageExecutor.WHY));
        assertEquals("DirectRunner", detail(result, "Squares", BeamStageExecutor.RUNNER));
        assertTrue(detail(result, "Squares", BeamStageExecutor.WHY).startsWith("weight AUTO: inputs 0.0 MB < 1 MB"));
        String summary = ExecutionSummary.render(result);
        assertTrue(summary.contains("How tasks ran:\n    - Numbers("), summary);
        assertTrue(summary.contains(") on FlinkRunner [local], parallelism "), summary);
        assertTrue(summary.contains(") on DirectRunner, parallelism "), summary);
        assertTrue(Files.exists(Path.of(p("squares"), "_SUCCESS")));

        BeamStageExecutor stages = new BeamStageExecutor();
        long started = stages.pipelinesStarted();
        RunResult again = Driver.builder().config(CascataConfig.of(Map.of(), System::getenv)).executor(stages).build()
                .run(total);
        assertEquals(List.of(TaskState.ALREADY_DONE), again.outcomes().stream().map(TaskOutcome::state).toList());
        assertEquals(started, stages.pipelinesStarted(), "a complete DAG starts no pipeline");
    }

    @Test
    void runnerFlagAndPerFamilyRunnerOverrideTheWeight() throws Exception {
        Numbers numbers = new Numbers(p("n2"), 10, Weight.HEAVY);
        Squares squares = new Squares(p("s2"), numbers, -1);
        CascataConfig config = CascataConfig.of(Map.of("beam", Map.of("runner", "DirectRunner"),
                "Squares", Map.of("runner", "flink")), System::getenv);
        RunResult result = Driver.builder().config(config).build().run(squares);
        assertTrue(result.success(), ExecutionSummary.render(result));
        assertEquals("DirectRunner", detail(result, "Numbers", BeamStageExecutor.RUNNER));
        assertEquals("--runner=DirectRunner", detail(result, "Numbers", BeamStageExecutor.WHY));
        assertEquals("FlinkRunner", detail(result, "Squares", BeamStageExecutor.RUNNER));
        assertEquals("runner set for Squares", detail(result, "Squares", BeamStageExecutor.WHY));
    }

    @Test
    void aStageThatThrowsLeavesNoOutputAndFailsOnlyItsBranch() throws Exception {
        Numbers numbers = new Numbers(p("n3"), 50, Weight.LIGHT);
        Total broken = new Total(p("broken.txt"), new Squares(p("s3"), numbers, 17));
        Total fine = new Total(p("fine.txt"), new Squares(p("s3ok"), new Numbers(p("n3ok"), 5, Weight.LIGHT), -1));
        RunResult result = run(Map.of(), 2, broken, fine);

        TaskOutcome failed = outcome(result, "Squares", "s3");
        assertEquals(TaskState.FAILED, failed.state());
        assertTrue(failed.error().contains("refusing to square 17"), failed.error());
        assertEquals(TaskState.PENDING, outcome(result, "Total", "broken.txt").state());
        assertEquals(TaskState.COMPLETED, outcome(result, "Total", "fine.txt").state());
        assertFalse(Files.exists(Path.of(p("s3"))), "nothing at the failed stage's output");
        assertEquals(List.of(), visibleEntries(dir).stream().filter(n -> n.startsWith("s3") && !n.equals("s3ok")).toList());
        assertEquals(Long.toString(sumOfSquares(5)), Files.readString(Path.of(p("fine.txt"))));
    }

    @Test
    void aFailedFlinkStageLeavesNoOutputEither() throws Exception {
        Squares squares = new Squares(p("s4"), new Numbers(p("n4"), 20, Weight.LIGHT), 3);
        // Each stage a job of its own: fused, the failure would be the chain's (see FusedChainTest).
        RunResult result = run(Map.of("runner", "FlinkRunner", "no-fuse", "true"), 1, new Total(p("t4.txt"), squares));
        TaskOutcome failed = outcome(result, "Squares", "s4");
        assertEquals(TaskState.COMPLETED, outcome(result, "Numbers", "n4").state());
        assertEquals(TaskState.FAILED, failed.state());
        assertEquals("FlinkRunner", failed.details().get(BeamStageExecutor.RUNNER));
        assertTrue(failed.error().contains("refusing to square 3"), failed.error());
        assertFalse(Files.exists(Path.of(p("s4"))));
        String summary = ExecutionSummary.render(result);
        assertTrue(summary.contains("on FlinkRunner [local], parallelism "), summary);
        assertTrue(summary.contains("[failed: IllegalStateException: pipeline of Squares("), summary);
        assertTrue(summary.contains("refusing to square 3]"), summary);
    }

    @Test
    void aRetryStartsFromAnEmptyDirectory() throws Exception {
        Path flag = dir.resolve("fail-once");
        Files.writeString(flag, "x");
        FailsOnce stage = new FailsOnce(p("once"), flag.toString());
        CascataConfig config = CascataConfig.of(Map.of(), System::getenv);
        RunResult result = Driver.builder().retryCount(1).config(config).build().run(stage);
        assertTrue(result.success(), ExecutionSummary.render(result));
        assertEquals(2, result.outcomes().get(0).attempts());
        List<String> files = visibleEntries(Path.of(p("once")));
        String shardCount = files.get(0).replaceAll(".*-of-", "");
        assertTrue(files.stream().allMatch(f -> f.endsWith("-of-" + shardCount)), "shards of one attempt only: " + files);
        List<String> lines = new ArrayList<>();
        for (FileTarget f : LocalDirectoryTarget.of(p("once")).files()) {
            lines.addAll(f.readLines());
        }
        assertEquals(List.of("1", "2", "3"), lines.stream().sorted().toList());
    }

    /** Fails its first attempt after its write was set up, then writes one shard. */
    record FailsOnce(@Param("where") String out, @Param("flag file") String flag) implements BeamStage {
        @Override
        public LocalDirectoryTarget output() {
            return LocalDirectoryTarget.of(out);
        }

        @Override
        public Weight weight() {
            return Weight.LIGHT;
        }

        @Override
        public void build(StageContext stage) {
            stage.writeText(stage.begin().apply(Create.of(List.of(1, 2, 3))).apply(ParDo.of(new FailOnceFn(flag))),
                    output());
        }
    }

    /** Throws on 3 while the flag file exists, deleting it, so that the next attempt succeeds. */
    static final class FailOnceFn extends DoFn<Integer, String> {
        private final String flag;

        FailOnceFn(String flag) {
            this.flag = flag;
        }

        @ProcessElement
        public void process(@Element Integer i, OutputReceiver<String> out) throws java.io.IOException {
            if (i == 3 && Files.deleteIfExists(Path.of(flag))) {
                throw new IllegalStateException("first attempt fails");
            }
            out.output(Integer.toString(i));
        }
    }

    @Test
    void independentHeavyStagesRunAtTheSameTime() throws Exception {
        Map<String, Instant[]> spans = new ConcurrentHashMap<>();
        Numbers a = new Numbers(p("a"), 1000, Weight.HEAVY);
        Numbers b = new Numbers(p("b"), 1000, Weight.HEAVY);
        CascataConfig config = CascataConfig.of(Map.of(), System::getenv);
        RunResult result = Driver.builder().workers(2).config(config).listener(e -> {
            if (e.type() == Event.START) {
                spans.put(e.task().id().display(), new Instant[] {Instant.now(), null});
            } else if (e.type() == Event.SUCCESS) {
                spans.get(e.task().id().display())[1] = Instant.now();
            }
        }).build().run(a, b);
        assertTrue(result.success(), ExecutionSummary.render(result));
        Instant[] x = spans.get(a.id().display());
        Instant[] y = spans.get(b.id().display());
        assertTrue(x[0].isBefore(y[1]) && y[0].isBefore(x[1]), "the two Flink jobs overlapped in time");
    }

    /** Writes (name, length) rows of a schema. */
    record WordRows(@Param("where") String out) implements BeamStage {
        static final Schema SCHEMA = Schema.builder().addStringField("word").addInt64Field("length").build();

        @Override
        public LocalDirectoryTarget output() {
            return LocalDirectoryTarget.of(out);
        }

        @Override
        public Weight weight() {
            return Weight.LIGHT;
        }

        @Override
        public void build(StageContext stage) {
            PCollection<Row> rows = stage.begin().apply(Create.of(List.of("stage", "ÿes", "a"))).apply(
                    MapElements.into(TypeDescriptors.rows()).via((String w) ->
                            Row.withSchema(SCHEMA).addValues(w, (long) w.length()).build()))
                    .setRowSchema(SCHEMA);
            stage.writeRows(rows, output());
        }
    }

    /** Reads WordRows's rows back with their schema and keeps the long words. */
    record LongWords(@Param("where") String out, @Param("rows") WordRows from) implements BeamStage {
        @Override
        public WordRows requires() {
            return from;
        }

        @Override
        public LocalDirectoryTarget output() {
            return LocalDirectoryTarget.of(out);
        }

        @Override
        public void build(StageContext stage) {
            LocalDirectoryTarget in = input();
            stage.writeText(stage.readRows(in, WordRows.SCHEMA)
                    .apply(Filter.by((Row r) -> r.getInt64("length") > 2))
                    .apply(MapElements.into(TypeDescriptors.strings()).via((Row r) -> r.getString("word"))), output());
        }
    }

    @Test
    void stagesPassSchemaRows() throws Exception {
        RunResult result = run(Map.of(), 1, new LongWords(p("long"), new WordRows(p("rows"))));
        assertTrue(result.success(), ExecutionSummary.render(result));
        List<String> words = new ArrayList<>();
        for (FileTarget f : LocalDirectoryTarget.of(p("long")).files()) {
            words.addAll(f.readLines());
        }
        assertEquals(List.of("stage", "ÿes"), words.stream().sorted().toList());
    }

    /** A stage that asks for a tier. */
    record Tiered(@Param("where") String out, @Param("tier") String tierName) implements BeamStage {
        @Override
        public LocalDirectoryTarget output() {
            return LocalDirectoryTarget.of(out);
        }

        @Override
        public Weight weight() {
            return Weight.HEAVY;
        }

        @Override
        public java.util.Optional<String> tier() {
            return java.util.Optional.of(tierName);
        }

        @Override
        public void build(StageContext stage) {
            stage.writeText(stage.begin().apply(Create.of(List.of("x", "y"))), output());
        }
    }

    @Test
    void tiersGiveStagesTheirParallelismSideBySide() throws Exception {
        CascataConfig config = CascataConfig.of(Map.of("tier.small", Map.of("parallelism", "1"),
                "tier.big", Map.of("parallelism", "2")), System::getenv);
        RunResult result = Driver.builder().workers(2).config(config).build()
                .run(new Tiered(p("small"), "small"), new Tiered(p("big"), "big"), new Tiered(p("none"), "huge"));
        assertEquals("1", outcome(result, "Tiered", "small").details().get(BeamStageExecutor.PARALLELISM));
        assertEquals("2", outcome(result, "Tiered", "big").details().get(BeamStageExecutor.PARALLELISM));
        assertTrue(ExecutionSummary.render(result).contains("parallelism 1, tier small (weight HEAVY)"));
        TaskOutcome unknown = outcome(result, "Tiered", "none");
        assertEquals(TaskState.FAILED, unknown.state());
        assertTrue(unknown.error().contains("tier 'huge'") && unknown.error().contains("[tier.huge]"), unknown.error());
    }

    private static String detail(RunResult result, String family, String key) {
        return result.outcomes().stream().filter(o -> o.id().family().equals(family)).findFirst()
                .orElseThrow().details().get(key);
    }

    private static TaskOutcome outcome(RunResult result, String family, String pathEnd) {
        return result.outcomes().stream()
                .filter(o -> o.id().family().equals(family) && o.id().parameters().get("out").endsWith(pathEnd))
                .findFirst().orElseThrow();
    }

    private static List<String> visibleEntries(Path directory) throws Exception {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(e -> e.getFileName().toString()).filter(n -> !n.startsWith(".") && !n.startsWith("_"))
                    .sorted().toList();
        }
    }
}
