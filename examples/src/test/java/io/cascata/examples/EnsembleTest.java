package io.cascata.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.testing.CommandLineOutcome;
import io.cascata.testing.PipelineTester;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ensemble example: one command, heavy stages on Flink, parallel trainings, real held-out scores. */
class EnsembleTest {

    @RegisterExtension
    final PipelineTester pipeline = new PipelineTester();

    @Test
    void scoreReportTrainsThreeModelsAndScoresThemOnHeldOutRows() {
        CommandLineOutcome result = pipeline.commandLine("ScoreReport", "--workers", "3", "--rows", "4000");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Scheduled 7 tasks of which:\n* 7 ran successfully:"), result.out());
        assertTrue(result.out().contains("    - PrepareFeatures(rows=4000, seed=17) on FlinkRunner [local]"), result.out());
        assertTrue(result.out().contains("    - TrainNaiveBayes(rows=4000, seed=17) on FlinkRunner [local]"), result.out());

        List<String> report = pipeline.readFile("output/score_report.txt").lines().toList();
        assertEquals(6, report.size(), String.join("\n", report));
        long heldOut = LongStream.range(0, 4000).filter(id -> Math.floorMod(id * 2654435761L, 100) >= 80).count();
        assertEquals("held-out rows: " + heldOut + " of 4000, seed 17", report.get(5));
        for (String line : report.subList(1, 5)) {
            String[] cells = line.trim().split("\\s{2,}|\\s+(?=[0-9])");
            double accuracy = Double.parseDouble(cells[cells.length - 2]);
            double logLoss = Double.parseDouble(cells[cells.length - 1]);
            assertTrue(accuracy > 0.7 && accuracy < 0.95, line);
            assertTrue(logLoss > 0.2 && logLoss < 0.7, line);
        }

        // The data, the split and the training are seeded: another run in a fresh workspace gives the same report.
        CommandLineOutcome again = pipeline.commandLine("--rows", "4000", "--runner=DirectRunner",
                "--workspace", "second/workspace", "--output", "second/score_report.txt");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(report, pipeline.readFile("second/score_report.txt").lines().toList(),
                "the jar's default task, on the DirectRunner, gives the same scores");
    }
}
