package io.cascata.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.examples.PipelineProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TopWords end to end, as a user runs it: the same report on the DirectRunner, on Flink and with
 * the default choice (Flink for the heavy count, Direct for the light top-N), equal to a report
 * computed here without Cascata or Beam.
 */
class TopWordsTest {

    @TempDir
    Path dir;

    private Path input;

    @BeforeEach
    void writeInput() throws Exception {
        input = dir.resolve("input.txt");
        Files.writeString(input, TopWordsOracle.sampleText(), StandardCharsets.UTF_8);
    }

    private String oracle(int top) throws Exception {
        return TopWordsOracle.report(Files.readString(input, StandardCharsets.UTF_8), top);
    }

    private Result topWords(String report, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("TopWords", "--input", input.toString(), "--output", report, "--top", "8"));
        args.addAll(List.of(extra));
        return PipelineProcess.run(dir, args.toArray(String[]::new));
    }

    @Test
    void everyRunnerGivesTheOracleReport() throws Exception {
        String expected = oracle(8);
        assertTrue(expected.startsWith("alpha\t"), expected);

        Result byDefault = topWords("default.txt", "--workspace", "ws-default");
        assertEquals(0, byDefault.exitCode(), byDefault.err());
        assertTrue(byDefault.out().contains(") on FlinkRunner [local], parallelism "), byDefault.out());
        assertTrue(byDefault.out().contains("(weight HEAVY)"), byDefault.out());
        assertTrue(byDefault.out().contains(") on DirectRunner, parallelism "), byDefault.out());
        assertEquals(expected, Files.readString(dir.resolve("default.txt")));

        Result direct = topWords("direct.txt", "--workspace", "ws-direct", "--runner=DirectRunner");
        assertEquals(0, direct.exitCode(), direct.err());
        assertTrue(!direct.out().contains("FlinkRunner"), direct.out());
        assertEquals(expected, Files.readString(dir.resolve("direct.txt")));

        Result flink = topWords("flink.txt", "--workspace", "ws-flink", "--runner=FlinkRunner");
        assertEquals(0, flink.exitCode(), flink.err());
        assertTrue(!flink.out().contains("DirectRunner"), flink.out());
        assertEquals(expected, Files.readString(dir.resolve("flink.txt")));

        Result again = topWords("flink.txt", "--workspace", "ws-flink", "--runner=FlinkRunner");
        assertTrue(again.out().contains("Scheduled 1 tasks of which:\n* 1 complete ones were encountered:"), again.out());
        assertTrue(!again.err().contains("runs on"), "no stage started: " + again.err());
    }

    @Test
    void twoDriversSharingAStageInOneWorkspaceBothFinishWithWholeData() throws Exception {
        for (int round = 0; round < 3; round++) {
            String ws = "ws-shared-" + round;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var three = pool.submit(() -> PipelineProcess.run(dir, "TopWords", "--input", input.toString(),
                        "--output", ws + "-top3.txt", "--top", "3", "--workspace", ws, "--runner=DirectRunner"));
                var eight = pool.submit(() -> PipelineProcess.run(dir, "TopWords", "--input", input.toString(),
                        "--output", ws + "-top8.txt", "--top", "8", "--workspace", ws, "--runner=DirectRunner"));
                Result a = three.get();
                Result b = eight.get();
                assertEquals(0, a.exitCode(), a.out() + a.err());
                assertEquals(0, b.exitCode(), b.out() + b.err());
            } finally {
                pool.shutdown();
            }
            assertEquals(oracle(3), Files.readString(dir.resolve(ws + "-top3.txt")), "round " + round);
            assertEquals(oracle(8), Files.readString(dir.resolve(ws + "-top8.txt")), "round " + round);
        }
    }

    @Test
    void aMissingInputIsAMissingExternalDependency() throws Exception {
        Result result = PipelineProcess.run(dir, "TopWords", "--input", dir.resolve("nope.txt").toString(),
                "--output", "r.txt");
        assertEquals(20, result.exitCode(), result.err());
        assertTrue(result.out().contains("* 1 were missing external dependencies:\n"
                + "        - 1 TextFile(path=" + dir.resolve("nope.txt") + ")\n"), result.out());
        assertTrue(result.out().contains("This progress looks :| because there were missing external dependencies"));
    }

    @Test
    void anUnknownRunnerIsABadCommandLineAndNothingRuns() throws Exception {
        Result result = topWords("x.txt", "--runner=SparkRunner");
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains("--runner: unknown value 'SparkRunner'; use one of DirectRunner, FlinkRunner"),
                result.err());
        assertEquals("", result.out());
        assertTrue(!Files.exists(dir.resolve("workspace")), "nothing ran");
    }

    @Test
    void anUnknownRunnerInTheConfigIsABadConfigAndNothingRuns() throws Exception {
        Path config = dir.resolve("cascata.cfg");
        Files.writeString(config, "[beam]\nrunner=Sparkle\n");
        Result result = topWords("x.txt", "--config", config.toString());
        assertEquals(2, result.exitCode(), result.err());
        assertEquals("error: config file " + config + ", section [beam], key 'runner': unknown value 'Sparkle'; "
                + "use one of DirectRunner, FlinkRunner\n", result.err());
        assertEquals("", result.out());
        assertTrue(!Files.exists(dir.resolve("workspace")), "nothing ran");
        assertTrue(!Files.exists(dir.resolve("x.txt")), "nothing ran");
    }

    @Test
    void beamsOwnOptionsPassThroughAndFlinkMasterAutoRunsEmbedded() throws Exception {
        Result result = topWords("auto.txt", "--workspace", "ws-auto", "--flinkMaster=[auto]", "--maxBundleSize=100",
                "--CountWords-runner=flink");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains(") on FlinkRunner [auto], parallelism "), result.out());
        assertTrue(Files.exists(dir.resolve("auto.txt")));

        Result unknown = topWords("never.txt", "--maxBundleSize=100", "--notAnOption=1");
        assertEquals(2, unknown.exitCode(), unknown.err());
        assertTrue(unknown.err().startsWith("error: Unknown option: '--notAnOption'"), unknown.err());
    }
}
