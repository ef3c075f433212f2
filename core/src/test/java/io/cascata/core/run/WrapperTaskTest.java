package io.cascata.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.TestFiles;
import io.cascata.core.WrapperTask;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.targets.LocalTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A WrapperTask only gathers others: complete when they are, and it runs nothing itself. */
class WrapperTaskTest {

    @TempDir
    Path tmp;

    record WrapPart(@Param(significant = false) String dir, String name) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/" + name + ".txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText(name);
        }
    }

    record WrapAll(@Param(significant = false) String dir) implements WrapperTask {
        @Override
        public List<WrapPart> requires() {
            return List.of(new WrapPart(dir, "one"), new WrapPart(dir, "two"));
        }
    }

    @Test
    void completeExactlyWhenItsRequirementsAre() throws IOException {
        WrapAll all = new WrapAll(tmp.toString());
        assertFalse(all.complete());
        new WrapPart(tmp.toString(), "one").output().writeText("one");
        assertFalse(all.complete(), "one of two parts is not enough");
        new WrapPart(tmp.toString(), "two").output().writeText("two");
        assertTrue(all.complete());
    }

    @Test
    void runsItsRequirementsAndNothingElse() {
        RunResult first = Driver.builder().build().run(new WrapAll(tmp.toString()));

        assertTrue(first.success());
        assertEquals(3, first.outcomes().size());
        assertEquals(TaskState.COMPLETED, first.outcome(new WrapAll(tmp.toString()).id()).get().state());
        assertEquals(List.of("one.txt", "two.txt"), TestFiles.entries(tmp), "the wrapper wrote nothing");
        assertTrue(ExecutionSummary.render(first).contains("* 3 ran successfully:\n    - 1 WrapAll()\n    - 2 WrapPart("),
                ExecutionSummary.render(first));
    }

    @Test
    void secondRunShowsOnlyTheWrapperAsComplete() {
        Driver.builder().build().run(new WrapAll(tmp.toString()));
        RunResult second = Driver.builder().build().run(new WrapAll(tmp.toString()));

        String summary = ExecutionSummary.render(second);
        assertEquals(1, second.outcomes().size());
        assertTrue(summary.contains("Scheduled 1 tasks of which:\n* 1 complete ones were encountered:\n    - 1 WrapAll()\n"),
                summary);
        assertTrue(summary.contains("Did not run any tasks"), summary);
        assertEquals(0, RetCodes.defaults().exitCode(second));
    }
}
