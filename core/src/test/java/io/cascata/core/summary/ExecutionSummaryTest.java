package io.cascata.core.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.ExternalTask;
import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskState;
import io.cascata.core.targets.LocalTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Execution Summary text, in Luigi's words and layout. The output directory of every task is
 * an insignificant parameter, so it stays out of the task displays the summary prints.
 */
class ExecutionSummaryTest {

    private static final String BANNER = "===== Cascata Execution Summary =====";

    @TempDir
    Path tmp;

    // ---- tasks -------------------------------------------------------------------------------

    record SumA(@Param(significant = false) String dir, int n) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/SumA_" + n + ".txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("a" + n);
        }
    }

    record SumB(@Param(significant = false) String dir, int n) implements Task {
        @Override
        public SumA requires() {
            return new SumA(dir, n);
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/SumB_" + n + ".txt");
        }

        @Override
        public void run() throws IOException {
            LocalTarget in = input();
            output().writeText(in.readText() + "b");
        }
    }

    record SumFail(@Param(significant = false) String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/SumFail.txt");
        }

        @Override
        public void run() {
            throw new IllegalStateException("SumFail always fails");
        }
    }

    record SumNeedsFail(@Param(significant = false) String dir) implements Task {
        @Override
        public SumFail requires() {
            return new SumFail(dir);
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/SumNeedsFail.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("never");
        }
    }

    record SumExt(@Param(significant = false) String dir) implements ExternalTask {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/external-data.csv");
        }
    }

    record SumNeedsExt(@Param(significant = false) String dir) implements Task {
        @Override
        public SumExt requires() {
            return new SumExt(dir);
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/SumNeedsExt.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("never");
        }
    }

    record SumBroken(@Param(significant = false) String dir) implements Task {
        @Override
        public Object requires() {
            throw new IllegalArgumentException("SumBroken cannot say what it needs");
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/SumBroken.txt");
        }
    }

    record SumNeedsBroken(@Param(significant = false) String dir) implements Task {
        @Override
        public SumBroken requires() {
            return new SumBroken(dir);
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/SumNeedsBroken.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("never");
        }
    }

    /** Fails its first attempt (leaving a marker), succeeds on the next. */
    record SumFlaky(@Param(significant = false) String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/SumFlaky.txt");
        }

        @Override
        public void run() throws IOException {
            Path marker = Path.of(dir, "SumFlaky.first-attempt");
            if (!Files.exists(marker)) {
                Files.createFile(marker);
                throw new IllegalStateException("first attempt fails");
            }
            output().writeText("second attempt");
        }
    }

    record SumLeafy(@Param(significant = false) String dir, int i) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/leafy/" + i + ".txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText(String.valueOf(i));
        }
    }

    record SumFan(@Param(significant = false) String dir) implements Task {
        @Override
        public List<SumLeafy> requires() {
            List<SumLeafy> leaves = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                leaves.add(new SumLeafy(dir, i));
            }
            return leaves;
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/SumFan.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("fan");
        }
    }

    /** Six families with one task each, for the five-families-per-group limit. */
    interface SumSimple extends Task {
        String dir();

        @Override
        default LocalTarget output() {
            return LocalTarget.of(dir() + "/" + family() + ".txt");
        }

        @Override
        default void run() throws IOException {
            output().writeText(family());
        }
    }

    record SumF1(@Param(significant = false) String dir) implements SumSimple {
    }

    record SumF2(@Param(significant = false) String dir) implements SumSimple {
    }

    record SumF3(@Param(significant = false) String dir) implements SumSimple {
    }

    record SumF4(@Param(significant = false) String dir) implements SumSimple {
    }

    record SumF5(@Param(significant = false) String dir) implements SumSimple {
    }

    record SumF6(@Param(significant = false) String dir) implements SumSimple {
    }

    record SumSix(@Param(significant = false) String dir) implements SumSimple {
        @Override
        public List<Task> requires() {
            return List.of(new SumF1(dir), new SumF2(dir), new SumF3(dir), new SumF4(dir), new SumF5(dir),
                    new SumF6(dir));
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private String dir() {
        return tmp.toAbsolutePath().toString();
    }

    private static String framed(String body) {
        return "\n" + BANNER + "\n\n" + body + "\n" + BANNER + "\n";
    }

    // ---- tests -------------------------------------------------------------------------------

    @Test
    void firstRunListsEveryTaskAsRanSuccessfully() {
        RunResult result = Driver.builder().build().run(new SumB(dir(), 1));

        assertEquals(framed("""
                Scheduled 2 tasks of which:
                * 2 ran successfully:
                    - 1 SumA(n=1)
                    - 1 SumB(n=1)

                This progress looks :) because there were no failed tasks or missing dependencies
                """), ExecutionSummary.render(result));
    }

    @Test
    void secondRunFindsTheRootCompleteAndRunsNothing() {
        Driver.builder().build().run(new SumB(dir(), 1));
        RunResult second = Driver.builder().build().run(new SumB(dir(), 1));

        assertEquals(framed("""
                Scheduled 1 tasks of which:
                * 1 complete ones were encountered:
                    - 1 SumB(n=1)

                Did not run any tasks
                This progress looks :) because there were no failed tasks or missing dependencies
                """), ExecutionSummary.render(second));
    }

    @Test
    void failedTaskLeavesItsDependentPendingWithFailedDependencies() {
        RunResult result = Driver.builder().build().run(new SumNeedsFail(dir()));

        assertEquals(framed("""
                Scheduled 2 tasks of which:
                * 1 failed:
                    - 1 SumFail()
                * 1 were left pending, among these:
                    * 1 had failed dependencies:
                        - 1 SumNeedsFail()
                Why tasks failed:
                    - SumFail(): IllegalStateException: SumFail always fails

                This progress looks :( because there were failed tasks
                """), ExecutionSummary.render(result));
    }

    @Test
    void missingExternalDataIsReportedWithAStraightFace() {
        RunResult result = Driver.builder().build().run(new SumNeedsExt(dir()));

        assertEquals(framed("""
                Scheduled 2 tasks of which:
                * 2 were left pending, among these:
                    * 1 were missing external dependencies:
                        - 1 SumExt()
                            missing: %s/external-data.csv (SumExt())
                    * 1 had missing dependencies:
                        - 1 SumNeedsExt()

                Did not run any tasks
                This progress looks :| because there were missing external dependencies
                """.formatted(dir())), ExecutionSummary.render(result));
    }

    @Test
    void requiresThatThrowsIsAFailedScheduling() {
        RunResult result = Driver.builder().build().run(new SumNeedsBroken(dir()));

        assertEquals(framed("""
                Scheduled 2 tasks of which:
                * 1 failed scheduling:
                    - 1 SumBroken()
                * 1 were left pending, among these:
                    * 1 had dependencies whose scheduling failed:
                        - 1 SumNeedsBroken()
                Why tasks failed:
                    - SumBroken(): IllegalArgumentException: SumBroken cannot say what it needs

                Did not run any tasks
                This progress looks :( because there were tasks whose scheduling failed
                """), ExecutionSummary.render(result));
    }

    @Test
    void retrySuccessIsCalledOut() {
        RunResult result = Driver.builder().retryCount(1).build().run(new SumFlaky(dir()));

        assertEquals(framed("""
                Scheduled 1 tasks of which:
                * 1 ran successfully:
                    - 1 SumFlaky()

                This progress looks :) because there were failed tasks but they all succeeded in a retry
                """), ExecutionSummary.render(result));
    }

    @Test
    void withoutRetryTheFlakyTaskFails() {
        RunResult result = Driver.builder().build().run(new SumFlaky(dir()));

        String text = ExecutionSummary.render(result);
        assertTrue(text.contains("* 1 failed:\n    - 1 SumFlaky()\n"), text);
        assertTrue(text.contains("This progress looks :( because there were failed tasks\n"), text);
    }

    @Test
    void aConsecutiveRangeOfOneParameterCollapsesIntoOneLine() {
        RunResult result = Driver.builder().build().run(new SumFan(dir()));

        assertEquals(101, result.inState(TaskState.COMPLETED).size());
        assertEquals(framed("""
                Scheduled 101 tasks of which:
                * 101 ran successfully:
                    - 1 SumFan()
                    - 100 SumLeafy(i=0...99)

                This progress looks :) because there were no failed tasks or missing dependencies
                """), ExecutionSummary.render(result));
    }

    @Test
    void atMostFiveFamiliesPerGroupThenAnEllipsis() {
        RunResult result = Driver.builder().build().run(new SumSix(dir()));

        assertEquals(7, result.inState(TaskState.COMPLETED).size());
        assertEquals(framed("""
                Scheduled 7 tasks of which:
                * 7 ran successfully:
                    - 1 SumF1()
                    - 1 SumF2()
                    - 1 SumF3()
                    - 1 SumF4()
                    - 1 SumF5()
                    ...

                This progress looks :) because there were no failed tasks or missing dependencies
                """), ExecutionSummary.render(result));
    }

    @Test
    void anEmptyRunSchedulesNothing() {
        RunResult result = Driver.builder().build().run(List.of());

        String text = ExecutionSummary.render(result);
        assertTrue(text.startsWith("\n" + BANNER + "\n\nDid not schedule any tasks\n"), text);
        assertFalse(text.contains("Scheduled"), text);
        assertFalse(text.contains("Did not run any tasks"), text);
        assertTrue(text.endsWith("\n" + BANNER + "\n"), text);
    }

    @Test
    void aLongErrorKeepsWhatFailedAndItsInnermostCause() {
        String error = "IllegalStateException: pipeline of Stage(path=" + "x".repeat(600) + ") failed: refusing to square 3";
        String shown = ExecutionSummary.shortened(error);
        assertTrue(shown.startsWith("IllegalStateException: pipeline of Stage(path=xxx"), shown);
        assertTrue(shown.endsWith("failed: refusing to square 3"), shown);
        assertTrue(shown.length() < 320, shown);
        assertEquals("short", ExecutionSummary.shortened("short"));
    }
}
