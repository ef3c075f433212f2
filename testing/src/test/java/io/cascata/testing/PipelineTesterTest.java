package io.cascata.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.beam.BeamStage;
import io.cascata.beam.Runner;
import io.cascata.beam.StageContext;
import io.cascata.core.InputDirectory;
import io.cascata.core.InputFile;
import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.run.TaskState;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test kit on real runs: in-process graphs, stages on both runners, the command line as a process. */
class PipelineTesterTest {

    @RegisterExtension
    final PipelineTester pipeline = new PipelineTester();

    static final Schema PERSON = Schema.builder().addStringField("name").addInt32Field("age").build();

    /** Upper-cases every line of a text file. */
    record Upper(@Param("input file") String in) implements BeamStage {
        @Override
        public InputFile requires() {
            return new InputFile(in);
        }

        @Override
        public DirectoryTarget output() {
            return Workspace.directory(this, "upper");
        }

        @Override
        public void build(StageContext stage) {
            stage.writeText(stage.readText(input()).apply(MapElements.into(TypeDescriptors.strings())
                    .via((String line) -> line.toUpperCase())), output());
        }
    }

    /** Keeps the adults of a directory of person rows. */
    record Adults(@Param("input directory") String in) implements BeamStage {
        @Override
        public InputDirectory requires() {
            return new InputDirectory(in);
        }

        @Override
        public DirectoryTarget output() {
            return Workspace.directory(this, "adults");
        }

        @Override
        public void build(StageContext stage) {
            stage.writeRows(stage.readRows(input(), PERSON).apply(Filter.by((Row r) -> r.getInt32("age") >= 18))
                    .setRowSchema(PERSON), output());
        }
    }

    /** Counts the upper-cased lines; fails when told to. */
    record CountUpper(@Param("input file") String in, @Param(value = "fail", defaultValue = "false") boolean fail)
            implements Task {
        @Override
        public Upper requires() {
            return new Upper(in);
        }

        @Override
        public FileTarget output() {
            return Workspace.file(this, "count.txt");
        }

        @Override
        public void run() throws Exception {
            if (fail) {
                throw new IllegalStateException("told to fail");
            }
            DirectoryTarget upper = input();
            long n = 0;
            for (FileTarget f : upper.files()) {
                n += f.readLines().size();
            }
            output().writeText(Long.toString(n));
        }
    }

    @EachRunner
    void aStageRunsOnGivenLinesOnEachRunner(Runner runner) {
        Upper upper = new Upper(pipeline.path("in.txt"));
        RunOutcome outcome = pipeline.stage(upper).input(upper.requires(), "b", "a", "c").on(runner).assertSucceeded();
        assertEquals(List.of("A", "B", "C"), outcome.sortedLines(upper));
        assertTrue(outcome.summary().contains("on " + runner.beamName()), outcome.summary());
        assertEquals(0, outcome.exitCode());
    }

    @EachRunner
    void aStageRunsOnGivenRowsOnEachRunner(Runner runner) {
        Adults adults = new Adults(pipeline.path("people"));
        RunOutcome outcome = pipeline.stage(adults).rows(adults.requires(), PERSON,
                Row.withSchema(PERSON).addValues("ann", 31).build(),
                Row.withSchema(PERSON).addValues("bob", 12).build()).on(runner).assertSucceeded();
        assertEquals(List.of(Row.withSchema(PERSON).addValues("ann", 31).build()), outcome.rows(adults, PERSON));
    }

    @Test
    void aGraphReportsEachStateTheSummaryAndTheExitCode() {
        String in = pipeline.writeFile("in.txt", "x\ny\n");
        CountUpper count = new CountUpper(in, false);
        RunOutcome first = pipeline.run(count).assertSucceeded();
        assertEquals(Map.of("CountUpper(in=" + in + ", fail=false)", TaskState.COMPLETED,
                "Upper(in=" + in + ")", TaskState.COMPLETED,
                "InputFile(path=" + in + ")", TaskState.ALREADY_DONE), first.states());
        assertEquals(List.of("2"), first.lines(count));
        FileTarget report = first.output(count);
        assertTrue(report.location().startsWith(pipeline.workspace()), report.location());

        RunOutcome failed = pipeline.run(new CountUpper(in, true));
        assertEquals(30, failed.exitCode());
        assertEquals(TaskState.FAILED, failed.state(new CountUpper(in, true)));
        assertTrue(failed.summary().contains("* 1 failed:\n    - 1 CountUpper("), failed.summary());
        assertThrows(AssertionError.class, failed::assertSucceeded);

        RunOutcome missing = pipeline.run(new CountUpper(pipeline.path("nowhere.txt"), false));
        assertEquals(20, missing.exitCode(), missing.summary());
        assertEquals(TaskState.MISSING_EXTERNAL, missing.state(new InputFile(pipeline.path("nowhere.txt"))));
    }

    @Test
    void anInputMustStandForARequirement() {
        Upper upper = new Upper(pipeline.path("in.txt"));
        assertThrows(IllegalArgumentException.class, () -> pipeline.stage(upper).input(new InputFile("other"), "x"));
    }

    @Test
    void theCommandLineRunsAsAProcessInTheTestsDirectory() {
        pipeline.writeFile("in.txt", "p\nq\nr\n");
        CommandLineOutcome outcome = pipeline.commandLine("CountUpper", "--in", "in.txt", "--runner=DirectRunner");
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(outcome.out().contains("* 2 ran successfully:"), outcome.out());
        assertTrue(Files.isDirectory(pipeline.directory().resolve("workspace/CountUpper")), "relative paths are in the test's directory");

        CommandLineOutcome bad = pipeline.commandLine("CountUpper", "--in");
        assertEquals(2, bad.exitCode());
        assertFalse(bad.err().isEmpty());
    }

    @Test
    void theDirectoryIsTheTestsOwn() {
        Path dir = pipeline.directory();
        assertTrue(Files.isDirectory(dir));
        assertTrue(Path.of(pipeline.workspace()).startsWith(dir));
    }
}
