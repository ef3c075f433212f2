package io.cascata.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.InputFile;
import io.cascata.core.Param;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RunResult;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.targets.LocalDirectoryTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Mean;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.transforms.WithTimestamps;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Combiner lifting gives the results of the pipeline as written, on the DirectRunner and on Flink,
 * for the combines it lifts (a word count, sums, means, top-n, a fn with a mutable accumulator,
 * keys whose equality is their encoding) and leaves windowed combines alone; a stage's combines
 * are lifted unless {@code [beam] no-combiner-lifting} is set.
 */
class CombinerLiftingTest {

    /** The text of the word count: few distinct words, many occurrences. */
    private static final List<String> LINES = lines();

    @TempDir
    Path dir;

    private static List<String> lines() {
        String[] words = {"alpha", "beta", "gamma", "delta", "épsilon", "zeta"};
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            StringBuilder line = new StringBuilder();
            for (int w = 0; w <= i % 7; w++) {
                line.append(words[(i * 7 + w * w) % words.length]).append(w % 3 == 0 ? ", " : " ");
            }
            lines.add(line.toString());
        }
        return List.copyOf(lines);
    }

    /** Splits lines into words, as a user's word count does. */
    static final class SplitWords extends DoFn<String, String> {
        @ProcessElement
        public void process(@Element String line, OutputReceiver<String> out) {
            for (String word : line.split("[^\\p{L}]+")) {
                if (!word.isEmpty()) {
                    out.output(word);
                }
            }
        }
    }

    /**
     * Collects the distinct values of a key, sorted and joined: an accumulator that is changed in
     * place by addInput and mergeAccumulators, and that is not the output.
     */
    static final class DistinctJoined extends CombineFn<String, List<String>, String> {
        @Override
        public List<String> createAccumulator() {
            return new ArrayList<>();
        }

        @Override
        public List<String> addInput(List<String> accumulator, String input) {
            if (!accumulator.contains(input)) {
                accumulator.add(input);
            }
            return accumulator;
        }

        @Override
        public List<String> mergeAccumulators(Iterable<List<String>> accumulators) {
            List<String> merged = null;
            for (List<String> accumulator : accumulators) {
                if (merged == null) {
                    merged = accumulator;
                } else {
                    for (String value : accumulator) {
                        addInput(merged, value);
                    }
                }
            }
            return merged == null ? createAccumulator() : merged;
        }

        @Override
        public String extractOutput(List<String> accumulator) {
            return String.join("+", accumulator.stream().sorted().toList());
        }

        @Override
        public Coder<List<String>> getAccumulatorCoder(CoderRegistry registry, Coder<String> inputCoder) {
            return ListCoder.of(StringUtf8Coder.of());
        }
    }

    /**
     * Builds the pipeline of every case, each written to a file of its own under {@code out}: a
     * word count (ParDo of words, Count.perElement), Sum.longsPerKey, Mean.perKey,
     * Top.largestPerKey, a mutable accumulator, Count.perElement of byte arrays, a global sum, and a
     * count per key in fixed windows.
     */
    private static Pipeline build(PipelineOptions options, Path out) {
        Pipeline p = Pipeline.create(options);
        PCollection<String> words = p.apply("Lines", Create.of(LINES)).apply("Words", ParDo.of(new SplitWords()));
        write(words.apply("Count words", Count.perElement()), out, "wordcount");

        List<KV<String, Long>> numbers = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            numbers.add(KV.of("k" + (i % 13), i * i % 1009));
        }
        PCollection<KV<String, Long>> keyed = p.apply("Numbers", Create.of(numbers)
                .withCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())));
        write(keyed.apply("Sum", Sum.longsPerKey()), out, "sum");
        write(keyed.apply("Mean", Mean.perKey()), out, "mean");
        write(keyed.apply("Top", Top.largestPerKey(3)), out, "top");
        write(keyed.apply("Sum all", MapElements.into(TypeDescriptors.longs()).via(KV::getValue))
                .apply("Global sum", Sum.longsGlobally()), out, "global");
        write(keyed.apply("As text", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                        .via(kv -> KV.of(kv.getKey(), Long.toString(kv.getValue() % 5))))
                .apply("Distinct", Combine.perKey(new DistinctJoined())), out, "distinct");

        List<byte[]> arrays = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            arrays.add(new byte[] {(byte) (i % 3), 7});
        }
        write(p.apply("Arrays", Create.of(arrays).withCoder(ByteArrayCoder.of()))
                .apply("Count arrays", Count.perElement())
                .apply("Arrays as text", MapElements.into(TypeDescriptors.strings())
                        .via(kv -> Arrays.toString(kv.getKey()) + "=" + kv.getValue())), out, "arrays");

        write(words.apply("Stamp", WithTimestamps.of((String w) -> new Instant(w.length() * 60_000L)))
                .apply("Minutes", Window.into(FixedWindows.of(Duration.standardMinutes(2))))
                .apply("Count in window", Count.perElement())
                .apply("With window", ParDo.of(new WithWindow())), out, "windowed");
        return p;
    }

    /** A windowed count as text, with its window. */
    static final class WithWindow extends DoFn<KV<String, Long>, String> {
        @ProcessElement
        public void process(@Element KV<String, Long> kv, IntervalWindow window, OutputReceiver<String> out) {
            out.output(kv.getKey() + "=" + kv.getValue() + "@" + window.start().getMillis());
        }
    }

    private static void write(PCollection<?> values, Path out, String name) {
        values.apply(name + " text", MapElements.into(TypeDescriptors.strings()).via(String::valueOf))
                .apply(name + " write", TextIO.write().to(out.resolve(name).resolve("part").toString()));
    }

    private static PipelineOptions direct() {
        DirectOptions options = PipelineOptionsFactory.as(DirectOptions.class);
        options.setRunner(DirectRunner.class);
        options.setBlockOnRun(true);
        return options;
    }

    private static PipelineOptions flink() {
        FlinkPipelineOptions options = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
        options.setRunner(FlinkRunner.class);
        options.setFlinkMaster("[local]");
        options.setParallelism(2);
        options.setObjectReuse(true);
        options.setFasterCopy(true);
        return options;
    }

    /** One run of the pipeline: its outputs by name (sorted lines), what it lifted, its lifting counters. */
    private record Run(Map<String, List<String>> outputs, List<String> lifted, Map<String, Long> counters) {
    }

    private Run run(PipelineOptions options, String name, boolean lift) throws Exception {
        return run(options, name, lift ? CombinerLifting.MAX_KEYS_PER_BUNDLE : 0);
    }

    /** A run with combines lifted to hold at most {@code maxKeys} keys per bundle, or not lifted when 0. */
    private Run run(PipelineOptions options, String name, int maxKeys) throws Exception {
        Path out = dir.resolve(name);
        Pipeline pipeline = build(options, out);
        if (maxKeys > 0) {
            CombinerLifting.apply(pipeline, maxKeys);
        }
        List<String> lifted = new ArrayList<>();
        pipeline.traverseTopologically(new Pipeline.PipelineVisitor.Defaults() {
            @Override
            public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
                if (node.getTransform() instanceof LiftedCombine<?, ?, ?, ?, ?>) {
                    lifted.add(node.getFullName());
                }
                return CompositeBehavior.ENTER_TRANSFORM;
            }
        });
        PipelineResult result = pipeline.run();
        assertEquals(PipelineResult.State.DONE, result.waitUntilFinish());
        Map<String, Long> counters = new TreeMap<>();
        for (String counter : List.of(CombineInBundle.INPUTS, CombineInBundle.ACCUMULATORS)) {
            for (MetricResult<Long> c : result.metrics().queryMetrics(MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(CountElements.NAMESPACE, counter)).build()).getCounters()) {
                counters.merge(c.getKey().stepName().split("/")[0] + ":" + counter, c.getAttempted(), Long::sum);
            }
        }
        Map<String, List<String>> outputs = new TreeMap<>();
        try (Stream<Path> names = Files.list(out)) {
            for (Path output : names.toList()) {
                List<String> lines = new ArrayList<>();
                try (Stream<Path> parts = Files.list(output)) {
                    for (Path part : parts.toList()) {
                        lines.addAll(Files.readAllLines(part, StandardCharsets.UTF_8));
                    }
                }
                lines.sort(null);
                outputs.put(output.getFileName().toString(), lines);
            }
        }
        return new Run(outputs, lifted, counters);
    }

    /** The word count as a loop computes it. */
    private static List<String> expectedWordCount() {
        Map<String, Long> counts = new TreeMap<>();
        for (String line : LINES) {
            for (String word : line.split("[^\\p{L}]+")) {
                if (!word.isEmpty()) {
                    counts.merge(word, 1L, Long::sum);
                }
            }
        }
        return counts.entrySet().stream().map(e -> KV.of(e.getKey(), e.getValue()).toString()).sorted().toList();
    }

    private static final List<String> LIFTED = List.of("Count words", "Sum", "Mean", "Top", "Global sum", "Distinct",
            "Count arrays");

    private void sameWithAndWithout(PipelineOptions on, PipelineOptions off, String runner) throws Exception {
        Run lifted = run(on, runner + "-on", true);
        Run plain = run(off, runner + "-off", false);

        assertEquals(plain.outputs(), lifted.outputs(), runner + ": lifted results differ from the pipeline as written");
        assertEquals(List.of("windowed", "wordcount", "sum", "mean", "top", "global", "distinct", "arrays").stream().sorted().toList(),
                List.copyOf(lifted.outputs().keySet()));
        assertEquals(expectedWordCount(), lifted.outputs().get("wordcount"));
        assertEquals(List.of("[0, 7]=100", "[1, 7]=100", "[2, 7]=100"), lifted.outputs().get("arrays"));
        assertEquals(13, lifted.outputs().get("mean").size());
        assertTrue(lifted.outputs().get("distinct").contains("KV{k0, 0+1+2+3+4}"), lifted.outputs().get("distinct").toString());
        assertFalse(lifted.outputs().get("windowed").isEmpty());

        // Each liftable combine was replaced (Global sum's inner Combine.perKey, in its composite);
        // the windowed count was not; nothing was replaced without lifting.
        for (String name : LIFTED) {
            assertTrue(lifted.lifted().stream().anyMatch(n -> n.equals(name) || n.startsWith(name + "/")),
                    name + " not lifted: " + lifted.lifted());
        }
        assertEquals(LIFTED.size(), lifted.lifted().size(), lifted.lifted().toString());
        assertTrue(lifted.lifted().stream().noneMatch(n -> n.startsWith("Count in window")), lifted.lifted().toString());
        assertEquals(List.of(), plain.lifted());
        assertEquals(Map.of(), plain.counters());

        // The grouping of the word count saw one element per word and bundle, not one per word.
        long words = expectedWordCount().stream().mapToLong(kv -> Long.parseLong(kv.replaceAll(".*, (\\d+)}", "$1"))).sum();
        assertEquals(words, lifted.counters().get("Count words:" + CombineInBundle.INPUTS), lifted.counters().toString());
        assertTrue(lifted.counters().get("Count words:" + CombineInBundle.ACCUMULATORS) < words / 4, lifted.counters().toString());
    }

    @Test
    void liftedCombinesGiveTheSameResultsOnTheDirectRunner() throws Exception {
        sameWithAndWithout(direct(), direct(), "direct");
    }

    @Test
    void liftedCombinesGiveTheSameResultsOnFlink() throws Exception {
        sameWithAndWithout(flink(), flink(), "flink");
        // On Flink a bundle is a task's whole input: byte arrays with equal contents are one key
        // in the bundle's table (by their encoding), not one per array.
        Run lifted = run(flink(), "flink-arrays", true);
        long accumulators = lifted.counters().get("Count arrays:" + CombineInBundle.ACCUMULATORS);
        assertTrue(accumulators <= 3 * 2, "arrays grouped by identity, not by encoding: " + accumulators + " accumulators");
    }

    @Test
    void aBundleWithMoreKeysThanTheTableHoldsEmitsEarlyAndStillCountsRight() throws Exception {
        Run small = run(direct(), "direct-two-keys", 2);
        Run plain = run(direct(), "direct-plain", 0);
        assertEquals(plain.outputs(), small.outputs());
        // Six words, at most two held: the table was emptied early, many times.
        assertTrue(small.counters().get("Count words:" + CombineInBundle.ACCUMULATORS) > 6 * 4, small.counters().toString());
    }

    /** Counts the words of a text file, in Beam's standard formulation. */
    record StandardWordCount(@Param("text") String text, @Param("where") String out) implements BeamStage {
        @Override
        public InputFile requires() {
            return new InputFile(text);
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
            stage.writeText(stage.readText(input())
                    .apply("Words", ParDo.of(new SplitWords()))
                    .apply("Count", Count.perElement())
                    .apply("Format", MapElements.into(TypeDescriptors.strings()).via(kv -> kv.getKey() + "\t" + kv.getValue())),
                    output());
        }
    }

    @Test
    void aStageLiftsItsCombinesUnlessTheSettingSaysNot() throws Exception {
        Path text = dir.resolve("text.txt");
        Files.write(text, LINES, StandardCharsets.UTF_8);
        Map<String, Long> expected = new TreeMap<>();
        for (String kv : expectedWordCount()) {
            expected.put(kv.replaceAll("KV\\{(.*), \\d+}", "$1"), Long.parseLong(kv.replaceAll(".*, (\\d+)}", "$1")));
        }
        for (boolean off : List.of(false, true)) {
            Path out = dir.resolve("counts-" + off);
            Map<String, String> beam = off ? Map.of("runner", "FlinkRunner", "no-combiner-lifting", "true")
                    : Map.of("runner", "FlinkRunner");
            RunResult result = Driver.builder().config(CascataConfig.of(Map.of("beam", beam), System::getenv)).build()
                    .run(new StandardWordCount(text.toString(), out.toString()));
            assertTrue(result.success(), ExecutionSummary.render(result));
            Map<String, Long> counts = new TreeMap<>();
            List<Path> parts;
            try (Stream<Path> entries = Files.list(out)) {
                parts = entries.filter(f -> f.getFileName().toString().startsWith("part")).toList();
            }
            assertFalse(parts.isEmpty(), "no part files in " + out);
            for (Path part : parts) {
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    String[] fields = line.split("\t");
                    counts.put(fields[0], Long.parseLong(fields[1]));
                }
            }
            assertEquals(expected, counts, "no-combiner-lifting=" + off);
            Map<String, String> details = result.outcomes().get(0).details();
            String inputs = details.get(CombineInBundle.INPUTS);
            if (off) {
                assertNull(inputs, details.toString());
            } else {
                assertEquals(Long.toString(expected.values().stream().mapToLong(Long::longValue).sum()), inputs, details.toString());
            }
        }
    }
}
