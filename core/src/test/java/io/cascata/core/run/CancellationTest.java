package io.cascata.core.run;

import static io.cascata.core.run.StopTasks.ended;
import static io.cascata.core.run.StopTasks.filesIn;
import static io.cascata.core.run.StopTasks.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.run.StopTasks.StpAfter;
import io.cascata.core.run.StopTasks.StpSleep;
import io.cascata.core.run.StopTasks.StpStubborn;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.summary.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancelling a run through its handle: nothing more starts, the running attempts are
 * interrupted and leave no output, the summary says which were interrupted and which never
 * started, and the driver waits for a task that ignores the interruption only for the grace.
 */
class CancellationTest {

    @TempDir
    Path tmp;

    private static void cancelWhenStarted(String name, RunCancellation cancellation) {
        Thread t = new Thread(() -> {
            try {
                if (started(name).await(60, TimeUnit.SECONDS)) {
                    cancellation.cancel("cancelled by the test");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @Test
    void aCancelledRunInterruptsTheRunningTaskStartsNothingMoreAndSaysSo() throws Exception {
        String dir = tmp.toString();
        // One worker: the sleeper runs first, the quick one waits in the ready queue, the root behind both.
        StpAfter root = new StpAfter(dir, "cnlRoot", List.of("cnlSleeper", "quickCnl"));
        RunCancellation cancellation = new RunCancellation();
        cancelWhenStarted("cnlSleeper", cancellation);

        long start = System.nanoTime();
        RunResult result = Driver.builder().workers(1).cancellation(cancellation).build().run(root);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(tookMillis < 30_000, "the 60 s task was interrupted: " + tookMillis + " ms");
        TaskOutcome sleeper = result.outcome(new StpSleep(dir, "cnlSleeper", Duration.ofSeconds(60)).id()).orElseThrow();
        assertEquals(TaskState.FAILED, sleeper.state());
        assertEquals(FailureReason.INTERRUPTED, sleeper.failure());
        assertEquals("interrupted (cancelled by the test)", sleeper.error());
        TaskOutcome quick = result.outcome(new StpSleep(dir, "quickCnl", Duration.ZERO).id()).orElseThrow();
        assertEquals(TaskState.PENDING, quick.state());
        assertEquals(PendingReason.RUN_INTERRUPTED, quick.reason());
        assertEquals(PendingReason.RUN_INTERRUPTED, result.outcome(root.id()).orElseThrow().reason());
        assertEquals(List.of(), filesIn(tmp), "no output, and no staged file, of the interrupted task");

        String summary = ExecutionSummary.render(result);
        assertTrue(summary.contains("* 1 failed, among these:\n    * 1 were interrupted:\n        - 1 StpSleep("), summary);
        assertTrue(summary.contains("* 2 were left pending, among these:\n"
                + "    * 2 were not started because the run was interrupted:\n"), summary);
        assertTrue(summary.contains("This progress looks :( because the run was interrupted"), summary);
        assertEquals(new Verdict(":(", "the run was interrupted"), Verdict.of(result));
        assertEquals(30, RetCodes.defaults().exitCode(result), "an interrupted task counts as failed for [retcode]");
    }

    /** Its completeness check takes a minute, as a listing of a slow store might. */
    record CnlSlowCheck(@Param(significant = false) String dir) implements Task {
        @Override
        public boolean complete() {
            started("slowCheck").countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    @Test
    void aCancellationWhileTheGraphIsDiscoveredEndsTheDiscovery() {
        CnlSlowCheck root = new CnlSlowCheck(tmp.toString());
        RunCancellation cancellation = new RunCancellation();
        cancelWhenStarted("slowCheck", cancellation);

        long start = System.nanoTime();
        RunResult result = Driver.builder().cancellation(cancellation).build().run(root);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(tookMillis < 30_000, "did not wait for the minute-long check: " + tookMillis + " ms");
        TaskOutcome o = result.outcome(root.id()).orElseThrow();
        assertEquals(TaskState.PENDING, o.state());
        assertEquals(PendingReason.RUN_INTERRUPTED, o.reason());
        assertTrue(result.unhandledError().isEmpty());
    }

    @Test
    void aRunGivenACancelledHandleStartsNothing() throws Exception {
        RunCancellation cancellation = new RunCancellation();
        assertTrue(cancellation.cancel("before it began"));
        assertFalse(cancellation.cancel("twice"), "only the first cancellation counts");
        StpSleep task = new StpSleep(tmp.toString(), "neverStarted", Duration.ZERO);

        RunResult result = Driver.builder().cancellation(cancellation).build().run(task);

        TaskOutcome o = result.outcome(task.id()).orElseThrow();
        assertEquals(TaskState.PENDING, o.state());
        assertEquals(PendingReason.RUN_INTERRUPTED, o.reason());
        assertEquals(0, o.attempts());
        assertEquals(List.of(), filesIn(tmp));
    }

    @Test
    void aTaskThatIgnoresTheInterruptionHoldsTheRunOnlyForTheGraceAndNeverCommits() throws Exception {
        StpStubborn stubborn = new StpStubborn(tmp.toString(), "stubbornCnl", Duration.ofSeconds(4));
        RunCancellation cancellation = new RunCancellation();
        cancelWhenStarted("stubbornCnl", cancellation);

        long start = System.nanoTime();
        RunResult result = Driver.builder().cancellation(cancellation).interruptGrace(Duration.ofMillis(300))
                .build().run(stubborn);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(ended("stubbornCnl").getCount() == 1, "the run ended before the task did: " + tookMillis + " ms");
        TaskOutcome o = result.outcome(stubborn.id()).orElseThrow();
        assertEquals(FailureReason.INTERRUPTED, o.failure());
        assertTrue(o.error().contains("did not stop within the grace of 0.3 s"), o.error());

        assertTrue(ended("stubbornCnl").await(30, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!filesIn(tmp).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), filesIn(tmp), "its late output was discarded, not published");
    }
}
