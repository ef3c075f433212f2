package io.cascata.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.cli.CascataCommand;
import io.cascata.core.targets.LocalDirectoryTarget;
import io.cascata.core.targets.FileTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Beam users' options on Cascata's command line: both spellings of Cascata's own, Beam's
 * bracketed Flink masters, and Beam's other pipeline options checked by Beam before anything
 * runs and seen by the stage's pipeline.
 */
class BeamOptionsTest {

    @TempDir
    Path dir;

    /** Writes, from inside its pipeline, the options the pipeline runs with. */
    record OptionsProbe(@Param("where") String out, @Param("weight") Weight w) implements BeamStage {
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
            stage.writeText(stage.begin().apply(Create.of("probe")).apply(ParDo.of(new ReportOptions())), output());
        }
    }

    static final class ReportOptions extends DoFn<String, String> {
        @ProcessElement
        public void process(ProcessContext c) {
            PipelineOptions options = c.getPipelineOptions();
            FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
            c.output("runner=" + options.getRunner().getSimpleName());
            c.output("maxBundleSize=" + flink.getMaxBundleSize());
            c.output("maxBundleTimeMills=" + flink.getMaxBundleTimeMills());
            c.output("enforceImmutability=" + options.as(DirectOptions.class).isEnforceImmutability());
        }
    }

    private record Cli(int code, String out, String err) {
    }

    private Cli probe(Weight weight, String... more) {
        List<String> args = new ArrayList<>(List.of("OptionsProbe", "--out", out().toString(), "--w", weight.name(),
                "--no-lock"));
        args.addAll(Arrays.asList(more));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new CascataCommand(o, e, name -> null).execute(args.toArray(String[]::new));
        }
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path out() {
        return dir.resolve("probe");
    }

    private List<String> reported() throws IOException {
        List<String> lines = new ArrayList<>();
        for (FileTarget f : LocalDirectoryTarget.of(out().toString()).files()) {
            lines.addAll(f.readLines());
        }
        return lines.stream().sorted().toList();
    }

    private Path config(String text) throws IOException {
        Path file = dir.resolve("cascata.cfg");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aBeamOptionOnTheCommandLineReachesTheStagesPipelineOnFlink() throws IOException {
        Cli r = probe(Weight.HEAVY, "--maxBundleSize=7", "--flinkMaster=[auto]");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("on FlinkRunner [auto], parallelism"), r.out());
        assertTrue(reported().contains("maxBundleSize=7"), reported().toString());
        assertTrue(reported().contains("runner=FlinkRunner"), reported().toString());
    }

    @Test
    void beamOptionsReachTheDirectRunnerAndWinOverCascatasDefaults() throws IOException {
        Cli plain = probe(Weight.LIGHT);
        assertEquals(0, plain.code(), plain.err());
        assertTrue(reported().contains("enforceImmutability=false"), "Cascata turns the check off by default");

        LocalDirectoryTarget.of(out().toString()).path().toFile().renameTo(dir.resolve("first").toFile());
        Cli asked = probe(Weight.LIGHT, "--enforceImmutability=true", "--maxBundleSize=7");
        assertEquals(0, asked.code(), asked.err());
        assertTrue(reported().containsAll(List.of("enforceImmutability=true", "maxBundleSize=7", "runner=DirectRunner")),
                reported().toString());
    }

    @Test
    void theConfigsBeamOptionsAndTheCommandLinesAddUpTheCommandLineWinning() throws IOException {
        Path file = config("[beam]\npipeline-options=[\"--maxBundleSize=5\", \"--maxBundleTimeMills=1234\"]\n");
        Cli r = probe(Weight.LIGHT, "--config", file.toString(), "--maxBundleSize=7");
        assertEquals(0, r.code(), r.err());
        assertTrue(reported().containsAll(List.of("maxBundleSize=7", "maxBundleTimeMills=1234")), reported().toString());
    }

    @Test
    void bothSpellingsOfFlinkMasterWork() {
        Cli camel = probe(Weight.HEAVY, "--flinkMaster", "[local]", "--deps-tree");
        assertEquals(0, camel.code(), camel.err());
        Cli kebab = probe(Weight.HEAVY, "--flink-master=[local]", "--deps-tree");
        assertEquals(0, kebab.code(), kebab.err());
    }

    @Test
    void aValueBeamRejectsExitsTwoNamingItAndNothingRuns() {
        Cli r = probe(Weight.LIGHT, "--maxBundleSize=many");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --maxBundleSize=many: "), r.err());
        assertTrue(r.err().contains("Long"), "says what Beam expects: " + r.err());
        assertEquals(1, r.err().lines().count(), "one line, no stack trace: " + r.err());
        assertFalse(Files.exists(out()));
    }

    @Test
    void aBeamOptionNeedsItsValueAfterAnEqualsSign() {
        Cli r = probe(Weight.LIGHT, "--tempLocation", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--tempLocation takes a value (String), written --tempLocation=VALUE"), r.err());
        assertFalse(Files.exists(out()));
    }

    @Test
    void anOptionNeitherCascataNorBeamKnowsExitsTwoNamingIt() {
        Cli r = probe(Weight.LIGHT, "--maxBundelSize=7");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: Unknown option: '--maxBundelSize' (neither a Cascata option nor one of "
                + "Beam's pipeline options)"), r.err());
        assertFalse(Files.exists(out()));
    }

    @Test
    void optionsCascataSetsPerStageAreRefusedWithTheReason() {
        Cli r = probe(Weight.LIGHT, "--jobName=mine");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--jobName is set by Cascata for each stage"), r.err());
    }

    @Test
    void aBadRunnerInTheConfigExitsTwoBeforeAnythingRuns() throws IOException {
        Path file = config("[beam]\nrunner=Sparkle\n");
        Cli r = probe(Weight.LIGHT, "--config", file.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("error: config file " + file + ", section [beam], key 'runner': unknown value 'Sparkle'; "
                + "use one of DirectRunner, FlinkRunner\n", r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(out()), "nothing ran");
    }

    @Test
    void aDriverRefusesABadRunnerInItsConfigBeforeRunning() {
        io.cascata.core.config.CascataConfig config = io.cascata.core.config.CascataConfig.of(
                java.util.Map.of("beam", java.util.Map.of("runner", "Sparkle")), name -> null);
        io.cascata.core.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.cascata.core.config.ConfigException.class, () -> io.cascata.core.run.Driver.builder().config(config).build());
        assertEquals("config, section [beam], key 'runner': unknown value 'Sparkle'; use one of DirectRunner, FlinkRunner",
                e.getMessage());
    }

    @Test
    void aBadPerFamilyRunnerInTheConfigExitsTwoToo() throws IOException {
        Path file = config("[OptionsProbe]\nrunner=Sparkle\n");
        Cli r = probe(Weight.LIGHT, "--config", file.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("section [OptionsProbe], key 'runner': unknown value 'Sparkle'"), r.err());
        assertFalse(Files.exists(out()));

        Cli option = probe(Weight.LIGHT, "--OptionsProbe-runner", "Sparkle");
        assertEquals(2, option.code());
        assertTrue(option.err().startsWith("error: --OptionsProbe-runner: unknown value 'Sparkle'; use one of DirectRunner, "
                + "FlinkRunner"), option.err());
    }

    @Test
    void aBadBeamOptionInTheConfigExitsTwoNamingTheKey() throws IOException {
        Path file = config("[beam]\npipeline-options=[\"--noSuchOption=1\"]\n");
        Cli r = probe(Weight.LIGHT, "--config", file.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("config file " + file + ", section [beam]: key 'pipeline-options': "
                + "Beam has no pipeline option --noSuchOption"), r.err());
    }

    @Test
    void bracketedFlinkMastersAreNotProbedAsAddresses() {
        for (String master : List.of("[auto]", "[local]", "[collection]")) {
            FlinkJobs.checkReachable(master);
            assertFalse(FlinkMasters.remote(master), master);
        }
        assertTrue(FlinkMasters.remote("127.0.0.1:8081"));
    }
}
