package io.cascata.core.run;

import static io.cascata.core.run.StopTasks.ended;
import static io.cascata.core.run.StopTasks.filesIn;
import static io.cascata.core.run.StopTasks.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.RetryPolicy;
import io.cascata.core.run.StopTasks.StpSleep;
import io.cascata.core.run.StopTasks.StpStubborn;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.summary.SummaryJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task timeouts: an attempt still running at its timeout (its own, or the run's) is interrupted,
 * fails with a TIMEOUT event, and leaves none of its outputs, staged files included; one that
 * ignores the interruption is given up on after the interrupt grace and still never commits.
 */
class TimeoutTest {

    @TempDir
    Path tmp;

    @Test
    void anAttemptPastItsOwnTimeoutIsInterruptedFiresTimeoutAndLeavesNothing() throws Exception {
        StpSleep slow = new StpSleep(tmp.toString(), "slow", Duration.ofSeconds(60), Duration.ofMillis(300), Integer.MAX_VALUE);
        List<Event> events = new CopyOnWriteArrayList<>();

        long start = System.nanoTime();
        RunResult result = Driver.builder().listener(e -> {
            if (e.type() == Event.START || e.type() == Event.TIMEOUT || e.type() == Event.FAILURE) {
                events.add(e.type());
            }
        }).build().run(slow);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        TaskOutcome o = result.outcome(slow.id()).orElseThrow();
        assertEquals(TaskState.FAILED, o.state());
        assertEquals(FailureReason.TIMED_OUT, o.failure());
        assertEquals("timed out after 0.3 s", o.error());
        assertEquals(List.of(Event.START, Event.TIMEOUT, Event.FAILURE), events);
        assertTrue(tookMillis < 30_000, "stopped long before its 60 s of work: " + tookMillis + " ms");
        assertEquals(List.of(), filesIn(tmp), "neither the output nor its staged file is left");
        String summary = ExecutionSummary.render(result);
        assertTrue(summary.contains("* 1 failed, among these:\n    * 1 timed out:\n        - 1 StpSleep("), summary);
        assertEquals("TIMED_OUT", SummaryJson.toJson(result, 30).get("tasks").get(0).get("failure").asText());
    }

    @Test
    void theRunsTimeoutAppliesToTasksWithoutTheirOwnAndATasksOwnWins() throws Exception {
        StpSleep byRun = new StpSleep(tmp.toString(), "byRun", Duration.ofSeconds(60));
        StpSleep ownLonger = new StpSleep(tmp.toString(), "ownLonger", Duration.ofMillis(800), Duration.ofSeconds(30),
                Integer.MAX_VALUE);

        RunResult result = Driver.builder().workers(2).taskTimeout(Duration.ofMillis(300)).build().run(byRun, ownLonger);

        assertEquals(FailureReason.TIMED_OUT, result.outcome(byRun.id()).orElseThrow().failure());
        assertEquals(TaskState.COMPLETED, result.outcome(ownLonger.id()).orElseThrow().state(),
                "its own 30 s timeout, not the run's 0.3 s");
        assertEquals(List.of("ownLonger.txt"), filesIn(tmp));
    }

    @Test
    void aTimedOutAttemptIsRetriedAsTheRetryPolicySays() throws Exception {
        StpSleep once = new StpSleep(tmp.toString(), "slowOnce", Duration.ofSeconds(60), Duration.ofMillis(300), 1);

        RunResult result = Driver.builder().retryPolicy(RetryPolicy.NONE.withRetries(1)).build().run(once);

        TaskOutcome o = result.outcome(once.id()).orElseThrow();
        assertEquals(TaskState.COMPLETED, o.state(), ExecutionSummary.render(result));
        assertEquals(2, o.attempts());
        assertEquals("started\nfinished\n", Files.readString(tmp.resolve("slowOnce.txt")));
    }

    @Test
    void anAttemptThatIgnoresItsInterruptionIsGivenUpOnAfterTheGraceAndNeverCommits() throws Exception {
        StpStubborn stubborn = new StpStubborn(tmp.toString(), "stubborn", Duration.ofSeconds(4));

        long start = System.nanoTime();
        RunResult result = Driver.builder().taskTimeout(Duration.ofMillis(200)).interruptGrace(Duration.ofMillis(300))
                .build().run(stubborn);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(started("stubborn").await(0, TimeUnit.SECONDS));
        assertTrue(ended("stubborn").getCount() == 1 && tookMillis < 3_500,
                "the run ended before the task did: " + tookMillis + " ms");
        TaskOutcome o = result.outcome(stubborn.id()).orElseThrow();
        assertEquals(TaskState.FAILED, o.state());
        assertEquals(FailureReason.TIMED_OUT, o.failure());
        assertTrue(o.error().contains("did not stop within the grace of 0.3 s"), o.error());

        assertTrue(ended("stubborn").await(30, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!filesIn(tmp).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50); // the abandoned attempt discards what it wrote as it ends
        }
        assertEquals(List.of(), filesIn(tmp), "what it wrote after the driver gave up on it was discarded");
        assertFalse(Files.exists(tmp.resolve("stubborn.txt")));
    }
}
