package io.cascata.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.TestFiles;
import io.cascata.core.WrapperTask;
import io.cascata.core.targets.LocalTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After run(), a task must have left every output it declares, however its complete() is
 * written; a WrapperTask is one by its type, whatever it overrides.
 */
class OutputCheckTest {

    static final AtomicInteger CHECKS = new AtomicInteger();

    @TempDir
    Path tmp;

    /** Overrides complete() only to count the calls; may forget to write its second output. */
    record LoggingComplete(@Param(significant = false) String dir, boolean writeBoth) implements Task {
        @Override
        public List<LocalTarget> output() {
            return List.of(LocalTarget.of(dir + "/a-" + writeBoth + ".txt"), LocalTarget.of(dir + "/b-" + writeBoth + ".txt"));
        }

        @Override
        public boolean complete() {
            CHECKS.incrementAndGet();
            return Task.super.complete();
        }

        @Override
        public void run() throws IOException {
            output().get(0).writeText("a");
            if (writeBoth) {
                output().get(1).writeText("b");
            }
        }
    }

    @Test
    void aTaskThatOverridesCompleteToLogStillMustWriteItsOutputs() {
        RunResult result = Driver.builder().build().run(new LoggingComplete(tmp.toString(), false));

        TaskOutcome outcome = result.outcomes().get(0);
        assertEquals(TaskState.FAILED, outcome.state());
        assertTrue(outcome.error().contains("output is missing") && outcome.error().contains("b-false.txt"), outcome.error());
        assertEquals(List.of(), TestFiles.entries(tmp), "the output it did write is not published either");
        assertEquals(30, RetCodes.defaults().exitCode(result));
    }

    @Test
    void aTaskThatOverridesCompleteToLogAndWritesItsOutputsSucceeds() {
        RunResult result = Driver.builder().build().run(new LoggingComplete(tmp.toString(), true));

        assertTrue(result.success());
        assertEquals(List.of("a-true.txt", "b-true.txt"), TestFiles.entries(tmp));
        RunResult again = Driver.builder().build().run(new LoggingComplete(tmp.toString(), true));
        assertEquals(TaskState.ALREADY_DONE, again.outcomes().get(0).state());
    }

    record CheckedPart(@Param(significant = false) String dir, String name) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/" + name + ".txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText(name);
        }
    }

    /** A wrapper that overrides complete() only to count the calls. */
    record LoggingWrapper(@Param(significant = false) String dir) implements WrapperTask {
        @Override
        public List<CheckedPart> requires() {
            return List.of(new CheckedPart(dir, "one"), new CheckedPart(dir, "two"));
        }

        @Override
        public boolean complete() {
            CHECKS.incrementAndGet();
            return WrapperTask.super.complete();
        }
    }

    @Test
    void aWrapperThatOverridesCompleteIsStillAWrapper() {
        RunResult first = Driver.builder().build().run(new LoggingWrapper(tmp.toString()));
        assertTrue(first.success());
        assertEquals(3, first.ranCount());
        assertEquals(List.of("one.txt", "two.txt"), TestFiles.entries(tmp));

        RunResult second = Driver.builder().build().run(new LoggingWrapper(tmp.toString()));
        assertEquals(1, second.outcomes().size());
        assertEquals(TaskState.ALREADY_DONE, second.outcomes().get(0).state());
    }

    /** Nests of wrappers are judged without recursion: a thousand levels, then a file. */
    record NestedWrapper(@Param(significant = false) String dir, int level) implements WrapperTask {
        @Override
        public Task requires() {
            return level == 0 ? new CheckedPart(dir, "bottom") : new NestedWrapper(dir, level - 1);
        }
    }

    @Test
    void deepNestsOfWrappersAreJudgedByTheirBottom() throws IOException {
        NestedWrapper top = new NestedWrapper(tmp.toString(), 20_000);
        RunResult first = Driver.builder().build().run(top);
        assertTrue(first.success());
        assertEquals(20_002, first.ranCount());
        assertTrue(Files.exists(tmp.resolve("bottom.txt")));

        RunResult second = Driver.builder().build().run(top);
        assertEquals(1, second.outcomes().size());
        assertEquals(TaskState.ALREADY_DONE, second.outcomes().get(0).state());

        Files.delete(tmp.resolve("bottom.txt"));
        assertFalse(Driver.builder().build().run(new NestedWrapper(tmp.toString(), 3)).outcomes().isEmpty());
    }
}
