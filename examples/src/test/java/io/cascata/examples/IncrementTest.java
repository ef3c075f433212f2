package io.cascata.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.examples.PipelineProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Increment, the chain of stages with next to no work: each stage adds one, fused into one Flink job or not. */
class IncrementTest {

    @TempDir
    Path dir;

    /** The numbers the stage at {@code step} wrote, sorted. */
    private List<Long> numbers(String workspace, int step) throws Exception {
        List<Long> numbers = new ArrayList<>();
        Path family = dir.resolve(workspace).resolve("Increment");
        try (Stream<Path> files = Files.walk(family)) {
            for (Path part : files.filter(f -> f.getFileName().toString().startsWith("part")
                    && f.toString().contains("/step-" + step + "_") && !f.toString().contains("/.")).toList()) {
                Files.readAllLines(part, StandardCharsets.UTF_8).forEach(line -> numbers.add(Long.parseLong(line)));
            }
        }
        numbers.sort(null);
        return numbers;
    }

    @Test
    void eachStageAddsOneFusedOrNot() throws Exception {
        List<Long> third = LongStream.rangeClosed(3, 12).boxed().toList();
        Result fused = PipelineProcess.run(dir, "Increment", "--step", "3", "--workspace", "fused", "--runner=FlinkRunner");
        assertEquals(0, fused.exitCode(), fused.err());
        assertTrue(fused.out().contains("in one Flink job"), fused.out());
        assertEquals(third, numbers("fused", 3));
        assertEquals(LongStream.rangeClosed(1, 10).boxed().toList(), numbers("fused", 1), "every stage's output is written");

        Result separate = PipelineProcess.run(dir, "Increment", "--step", "3", "--workspace", "separate",
                "--runner=FlinkRunner", "--no-fuse");
        assertEquals(0, separate.exitCode(), separate.err());
        assertEquals(third, numbers("separate", 3));

        Result bad = PipelineProcess.run(dir, "Increment", "--step", "0");
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().startsWith("error: task Increment, parameter 'step'"), bad.err());
    }
}
