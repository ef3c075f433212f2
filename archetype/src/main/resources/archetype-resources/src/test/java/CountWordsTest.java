package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cascata.beam.Runner;
import io.cascata.testing.EachRunner;
import io.cascata.testing.PipelineTester;
import io.cascata.testing.RunOutcome;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The stage alone, on lines given here, on the DirectRunner and on an embedded Flink. */
class CountWordsTest {

    @RegisterExtension
    final PipelineTester pipeline = new PipelineTester();

    @EachRunner
    void countsEachWordCaseInsensitively(Runner runner) {
        CountWords count = new CountWords(pipeline.path("text.txt"));
        RunOutcome outcome = pipeline.stage(count)
                .input(count.requires(), "To be, or not to be:", "that is the question.")
                .on(runner)
                .assertSucceeded();
        assertEquals(List.of("be\t2", "is\t1", "not\t1", "or\t1", "question\t1", "that\t1", "the\t1", "to\t2"),
                outcome.sortedLines(count));
    }
}
