package io.cascata.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.examples.PipelineProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CountWordsStandard, the word count in Beam's standard formulation, counts every word as the
 * oracle does on Flink, with its combine lifted (the default) and with {@code
 * --no-combiner-lifting}.
 */
class CountWordsStandardTest {

    @TempDir
    Path dir;

    /** The stage's {@code word<TAB>count} lines, sorted. */
    private List<String> counts(String workspace) throws Exception {
        List<String> lines = new ArrayList<>();
        Path family = dir.resolve(workspace).resolve("CountWordsStandard");
        try (Stream<Path> files = Files.walk(family)) {
            for (Path part : files.filter(f -> f.getFileName().toString().startsWith("part")
                    && !f.toString().contains("/.")).toList()) {
                lines.addAll(Files.readAllLines(part, StandardCharsets.UTF_8));
            }
        }
        lines.sort(null);
        return lines;
    }

    @Test
    void countsEveryWordWithAndWithoutCombinerLifting() throws Exception {
        String text = TopWordsOracle.sampleText();
        Path input = dir.resolve("input.txt");
        Files.writeString(input, text, StandardCharsets.UTF_8);
        List<String> expected = new ArrayList<>(TopWordsOracle.report(text, Integer.MAX_VALUE).lines().toList());
        expected.sort(null);
        assertTrue(expected.size() > 10, expected.toString());

        Result lifted = PipelineProcess.run(dir, "CountWordsStandard", "--input", input.toString(), "--workspace", "ws-lifted",
                "--runner=FlinkRunner");
        assertEquals(0, lifted.exitCode(), lifted.err());
        assertEquals(expected, counts("ws-lifted"));

        Result plain = PipelineProcess.run(dir, "CountWordsStandard", "--input", input.toString(), "--workspace", "ws-plain",
                "--runner=FlinkRunner", "--no-combiner-lifting");
        assertEquals(0, plain.exitCode(), plain.err());
        assertEquals(expected, counts("ws-plain"));
    }
}
