package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.InputFile;
import io.cascata.core.run.TaskState;
import io.cascata.testing.CommandLineOutcome;
import io.cascata.testing.PipelineTester;
import io.cascata.testing.RunOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole graph: input, stage and report, in-process and from the command line. */
class WordReportTest {

    @RegisterExtension
    final PipelineTester pipeline = new PipelineTester().config("beam", "runner", "DirectRunner");

    @Test
    void reportsTheMostFrequentWords() {
        String text = pipeline.writeFile("text.txt", "b a c a b a\n");
        WordReport report = new WordReport(text, 2, pipeline.path("report.txt"));

        RunOutcome outcome = pipeline.run(report).assertSucceeded();
        assertEquals(TaskState.COMPLETED, outcome.state(report));
        assertEquals(TaskState.COMPLETED, outcome.state(new CountWords(text)));
        assertEquals(List.of("a\t3", "b\t2"), outcome.lines(report));

        RunOutcome again = pipeline.run(report);
        assertTrue(again.summary().contains("Did not run any tasks"), again.summary());
    }

    @Test
    void aMissingInputRunsNothingAndExits20() {
        WordReport report = new WordReport(pipeline.path("missing.txt"), 2, pipeline.path("report.txt"));
        RunOutcome outcome = pipeline.run(report);
        assertEquals(20, outcome.exitCode(), outcome.summary());
        assertEquals(TaskState.MISSING_EXTERNAL, outcome.state(new InputFile(pipeline.path("missing.txt"))));
        assertEquals(TaskState.PENDING, outcome.state(report));
    }

    @Test
    void theDefaultTaskRunsFromTheCommandLine() {
        pipeline.writeFile("data/words.txt", "one two two\n");
        CommandLineOutcome run = pipeline.commandLine("--runner=DirectRunner");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("- 1 WordReport(input=data/words.txt, top=5, output=output/word-report.txt)"), run.out());
        assertEquals("two\t2\none\t1\n", pipeline.readFile("output/word-report.txt"));
    }
}
