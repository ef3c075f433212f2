package io.cascata.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.WrapperTask;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.param.ParameterSources;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskOutcome;
import io.cascata.core.run.TaskState;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Format;
import io.cascata.core.targets.Targets;
import io.cascata.hdfs.HadoopStorage;
import io.cascata.hdfs.HdfsConfig;
import io.cascata.hdfs.MiniHdfs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole graphs with inputs and outputs on a real HDFS: Beam stages on both runners, the re-run
 * that runs nothing, completeness of thousands of targets from one listing, and a NameNode that
 * is not there.
 */
class HdfsPipelineTest {

    @TempDir
    static Path base;
    static MiniHdfs hdfs;

    @BeforeAll
    static void start() throws Exception {
        hdfs = new MiniHdfs(base.resolve("dfs"));
        Targets.file(hdfs.uri("/in/words.txt")); // the factory is found for hdfs://
    }

    @AfterAll
    static void stop() {
        if (hdfs != null) {
            hdfs.close();
        }
    }

    private static CascataConfig config(Map<String, String> beam) {
        return CascataConfig.of(Map.of("hdfs", Map.of("namenode", hdfs.root), "beam", beam), System::getenv);
    }

    /** Text on HDFS, made elsewhere. */
    record HdfsText(@Param("uri") String uri) implements io.cascata.core.ExternalTask {
        @Override
        public FileTarget output() {
            return Targets.file(uri);
        }
    }

    /** Counts words of an HDFS text into an HDFS directory. */
    record CountOnHdfs(@Param("text") String text, @Param("out") String out) implements BeamStage {
        @Override
        public HdfsText requires() {
            return new HdfsText(text);
        }

        @Override
        public DirectoryTarget output() {
            return Targets.directory(out);
        }

        @Override
        public Weight weight() {
            return Weight.HEAVY;
        }

        @Override
        public void build(StageContext stage) {
            FileTarget in = input();
            stage.writeText(stage.readText(in)
                    .apply(FlatMapElements.into(TypeDescriptors.strings()).via((String l) -> List.of(l.split(" "))))
                    .apply(Count.perElement())
                    .apply(MapElements.into(TypeDescriptors.strings()).via((KV<String, Long> kv) -> kv.getKey() + "=" + kv.getValue())),
                    output());
        }
    }

    /** A plain task that gathers the counts into one sorted HDFS file. */
    record Report(@Param("text") String text, @Param("dir") String dir, @Param("out") String out) implements Task {
        @Override
        public CountOnHdfs requires() {
            return new CountOnHdfs(text, dir);
        }

        @Override
        public FileTarget output() {
            return Targets.file(out);
        }

        @Override
        public void run() throws Exception {
            DirectoryTarget counts = input();
            List<String> lines = new ArrayList<>();
            for (FileTarget f : counts.files()) {
                lines.addAll(f.readLines());
            }
            lines.sort(null);
            output().writeText(String.join("\n", lines));
        }
    }

    @Test
    void aGraphOnHdfsGivesTheSameReportOnBothRunnersAndThenRunsNothing() throws Exception {
        FileTarget.of(HadoopStorage.of(hdfs.conf, hdfs.root), hdfs.uri("/in/words.txt"), Format.PLAIN).writeText("b a c a\nb a\n");
        for (String runner : List.of("DirectRunner", "FlinkRunner")) {
            CascataConfig config = config(Map.of("runner", runner));
            try (var scope = ParameterSources.use(new ParameterSources(Map.of(), config))) {
                Report report = new Report(hdfs.uri("/in/words.txt"), hdfs.uri("/out/" + runner + "/counts"),
                        hdfs.uri("/out/" + runner + "/report.txt"));
                RunResult result = Driver.builder().config(config).build().run(report);
                assertTrue(result.success(), ExecutionSummary.render(result));
                assertEquals(runner, result.outcomes().stream().filter(o -> o.id().family().equals("CountOnHdfs"))
                        .findFirst().orElseThrow().details().get(BeamStageExecutor.RUNNER));
                assertEquals("a=3\nb=2\nc=1", report.output().readText());

                BeamStageExecutor stages = new BeamStageExecutor();
                long started = stages.pipelinesStarted();
                RunResult again = Driver.builder().config(config).executor(stages).build().run(report);
                assertEquals(List.of(TaskState.ALREADY_DONE), again.outcomes().stream().map(TaskOutcome::state).toList());
                assertEquals(started, stages.pipelinesStarted());
            }
        }
    }

    /** One small HDFS file per task. */
    record Part(@Param("i") int i) implements Task {
        @Override
        public FileTarget output() {
            return Targets.file(hdfs.uri("/many/" + i + ".txt"));
        }

        @Override
        public void run() throws Exception {
            output().writeText(Integer.toString(i));
        }
    }

    /** Requires n parts. */
    record AllParts(@Param("n") int n) implements WrapperTask {
        @Override
        public List<Part> requires() {
            List<Part> parts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                parts.add(new Part(i));
            }
            return parts;
        }
    }

    @Test
    void completenessOfThousandsOfTargetsTakesOneListing() throws Exception {
        int n = 2000;
        FileSystem fs = hdfs.fs();
        fs.mkdirs(new org.apache.hadoop.fs.Path(hdfs.uri("/many")));
        for (int i = 0; i < n; i++) {
            fs.create(new org.apache.hadoop.fs.Path(hdfs.uri("/many/" + i + ".txt"))).close();
        }
        CascataConfig config = config(Map.of());
        try (var scope = ParameterSources.use(new ParameterSources(Map.of(), config))) {
            FileSystem client = org.apache.hadoop.fs.FileSystem.get(java.net.URI.create(hdfs.root), HdfsConfig.of(config));
            long lists = count(client, "op_list_status");
            long infos = count(client, "op_get_file_status");
            long exists = count(client, "op_exists");
            RunResult complete = Driver.builder().config(config).build().run(new AllParts(n));
            assertEquals(List.of(TaskState.ALREADY_DONE), complete.outcomes().stream().map(TaskOutcome::state).toList(),
                    "the wrapper is complete: every part exists");
            // One listStatus of the directory; HDFS returns it in pages of dfs.ls.limit (1,000) entries.
            assertEquals((n + 999) / 1000, count(client, "op_list_status") - lists, "one listing for 2,000 targets");
            long perTarget = count(client, "op_get_file_status") - infos + count(client, "op_exists") - exists;
            assertTrue(perTarget < 10, "no call per target: " + perTarget);

            fs.delete(new org.apache.hadoop.fs.Path(hdfs.uri("/many/7.txt")), false);
            RunResult result = Driver.builder().config(config).build().run(new AllParts(n));
            assertTrue(result.success(), ExecutionSummary.render(result));
            assertEquals(n + 1, result.outcomes().size(), "every part was checked");
            assertEquals(List.of("Part(i=7)"), result.outcomes().stream().filter(o -> o.state() == TaskState.COMPLETED)
                    .map(o -> o.id().display()).filter(d -> d.startsWith("Part")).toList());
        }
    }

    /** A client-side count of NameNode operations of one kind (Hadoop's per-file-system statistics). */
    private static long count(FileSystem fs, String op) {
        List<String> known = new ArrayList<>();
        for (java.util.Iterator<org.apache.hadoop.fs.StorageStatistics> it =
                org.apache.hadoop.fs.GlobalStorageStatistics.INSTANCE.iterator(); it.hasNext(); ) {
            org.apache.hadoop.fs.StorageStatistics stats = it.next();
            Long value = stats.getLong(op);
            known.add(stats.getName());
            if (value != null) {
                return value;
            }
        }
        throw new IllegalStateException("no statistic " + op + " in " + known);
    }

    @Test
    @Timeout(90)
    void anUnreachableNameNodeIsAClearErrorNamingThePathAfterABoundedWait() throws Exception {
        String uri = "hdfs://127.0.0.1:1/nowhere/x.txt";
        CascataConfig config = CascataConfig.of(Map.of(), System::getenv);
        try (var scope = ParameterSources.use(new ParameterSources(Map.of(), config))) {
            long start = System.nanoTime();
            RunResult result = Driver.builder().config(config).build().run(new HdfsText(uri));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            TaskOutcome outcome = result.outcomes().get(0);
            assertEquals(TaskState.SCHEDULING_FAILED, outcome.state());
            assertTrue(outcome.error().contains(uri), outcome.error());
            assertTrue(outcome.error().contains("cannot reach the NameNode"), outcome.error());
            assertTrue(took.toSeconds() < 60, "bounded wait, took " + took);
        }
    }
}
