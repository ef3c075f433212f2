package io.cascata.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.TestFiles;
import io.cascata.core.WrapperTask;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.targets.LocalTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tasks that require each other fail scheduling, with the cycle named; the driver never hangs. */
class DependencyCycleTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    record CycA(@Param(significant = false) String dir, int n) implements Task {
        @Override
        public CycB requires() {
            return new CycB(dir, n);
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/CycA.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("a");
        }
    }

    record CycB(@Param(significant = false) String dir, int n) implements Task {
        @Override
        public CycA requires() {
            return new CycA(dir, n);
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/CycB.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("b");
        }
    }

    record CycRoot(@Param(significant = false) String dir) implements Task {
        @Override
        public List<Task> requires() {
            return List.of(new CycA(dir, 1), new CycOk(dir));
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/CycRoot.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("root");
        }
    }

    record CycOk(@Param(significant = false) String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/CycOk.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("ok");
        }
    }

    record CycSelf(@Param(significant = false) String dir) implements Task {
        @Override
        public CycSelf requires() {
            return this;
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/CycSelf.txt");
        }
    }

    record CycWrapA(int n) implements WrapperTask {
        @Override
        public CycWrapB requires() {
            return new CycWrapB(n);
        }
    }

    record CycWrapB(int n) implements WrapperTask {
        @Override
        public CycWrapA requires() {
            return new CycWrapA(n);
        }
    }

    private String dir() {
        return tmp.toAbsolutePath().toString();
    }

    private static RunResult runBounded(Task root) {
        return assertTimeoutPreemptively(LIMIT, () -> Driver.builder().checkThreads(4).build().run(root),
                "a dependency cycle must not hang the driver");
    }

    @Test
    void twoTasksRequiringEachOtherBothFailScheduling() {
        RunResult result = runBounded(new CycA(dir(), 1));

        assertEquals(2, result.outcomes().size());
        for (TaskOutcome o : result.outcomes()) {
            assertEquals(TaskState.SCHEDULING_FAILED, o.state(), o.id().display());
            String error = o.error();
            assertNotNull(error, "the outcome says why");
            assertTrue(error.contains("CycA(n=1)"), error);
            assertTrue(error.contains("CycB(n=1)"), error);
            assertTrue(error.contains("->"), error);
            assertTrue(error.toLowerCase().contains("cycle"), error);
        }
        String summary = ExecutionSummary.render(result);
        assertTrue(summary.contains("* 2 failed scheduling:\n    - 1 CycA(n=1)\n    - 1 CycB(n=1)\n"), summary);
        assertTrue(summary.contains("This progress looks :( because there were tasks whose scheduling failed"), summary);
        assertEquals(35, RetCodes.defaults().exitCode(result));
        assertEquals(List.of(), TestFiles.entries(tmp), "nothing ran");
    }

    @Test
    void theErrorTextNamesTheCycleInOrder() {
        RunResult result = runBounded(new CycA(dir(), 1));
        String error = result.outcomes().get(0).error();
        boolean aFirst = error.contains("CycA(n=1) -> CycB(n=1) -> CycA(n=1)");
        boolean bFirst = error.contains("CycB(n=1) -> CycA(n=1) -> CycB(n=1)");
        assertTrue(aFirst || bFirst, error);
    }

    @Test
    void aCycleBelowARootLeavesTheRootPendingAndIndependentWorkRuns() {
        RunResult result = runBounded(new CycRoot(dir()));

        assertEquals(4, result.outcomes().size());
        assertEquals(2, result.inState(TaskState.SCHEDULING_FAILED).size());
        assertEquals(List.of("CycOk"), result.inState(TaskState.COMPLETED).stream().map(o -> o.id().family()).toList());
        TaskOutcome root = result.inState(TaskState.PENDING).get(0);
        assertEquals("CycRoot", root.id().family());
        assertEquals(PendingReason.UPSTREAM_SCHEDULING_ERROR, root.reason());
        assertEquals(35, RetCodes.defaults().exitCode(result));
        assertFalse(TestFiles.entries(tmp).contains("CycRoot.txt"));
    }

    @Test
    void aTaskRequiringItselfFailsScheduling() {
        RunResult result = runBounded(new CycSelf(dir()));

        assertEquals(1, result.outcomes().size());
        TaskOutcome o = result.outcomes().get(0);
        assertEquals(TaskState.SCHEDULING_FAILED, o.state());
        assertTrue(o.error().contains("CycSelf() -> CycSelf()"), o.error());
        assertEquals(35, RetCodes.defaults().exitCode(result));
    }

    @Test
    void wrappersRequiringEachOtherFailSchedulingToo() {
        RunResult result = runBounded(new CycWrapA(7));

        assertEquals(2, result.outcomes().size());
        for (TaskOutcome o : result.outcomes()) {
            assertEquals(TaskState.SCHEDULING_FAILED, o.state(), o.id().display());
            assertTrue(o.error().contains("CycWrapA(n=7)") && o.error().contains("CycWrapB(n=7)"), o.error());
        }
        assertEquals(35, RetCodes.defaults().exitCode(result));
    }
}
