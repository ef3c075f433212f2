package io.cascata.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.RetryPolicy;
import io.cascata.core.Task;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.targets.LocalTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retry policy: how many attempts a task gets (the run's count, or the task's own), the
 * waits between them (exponential backoff, capped), failures declared final, and that a wait
 * leaves its worker to other tasks and ends when the run is cancelled.
 */
class RetryPolicyTest {

    /** When each attempt of each task started (System.nanoTime), by task name. */
    static final Map<String, List<Long>> STARTS = new ConcurrentHashMap<>();

    @TempDir
    Path tmp;

    static void started(String name) {
        STARTS.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
    }

    static int attemptsOf(String name) {
        return STARTS.getOrDefault(name, List.of()).size();
    }

    /** Fails its first {@code failures} attempts, then writes its output. */
    record RtpFlaky(@Param(significant = false) String dir, String name, int failures) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/" + name + ".txt");
        }

        @Override
        public void run() throws IOException {
            started(name);
            if (attemptsOf(name) <= failures) {
                throw new IOException(name + " is flaky (attempt " + attemptsOf(name) + ")");
            }
            output().writeText("done");
        }
    }

    /** Always fails; asks for its own number of retries. */
    record RtpOwnCount(@Param(significant = false) String dir, int retries) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/own_" + retries + ".txt");
        }

        @Override
        public RetryPolicy retryPolicy(RetryPolicy configured) {
            return configured.withRetries(retries);
        }

        @Override
        public void run() throws IOException {
            started("own" + retries);
            throw new IOException("always fails");
        }
    }

    /** Fails with a given failure; declares IllegalArgumentException final. */
    record RtpFinal(@Param(significant = false) String dir, String kind) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/final_" + kind + ".txt");
        }

        @Override
        public RetryPolicy retryPolicy(RetryPolicy configured) {
            return configured.notRetryingOn(IllegalArgumentException.class);
        }

        @Override
        public void run() {
            started("final-" + kind);
            switch (kind) {
                case "direct" -> throw new IllegalArgumentException("bad input never gets better");
                case "wrapped" -> throw new IllegalStateException("wrapped", new IllegalArgumentException("bad input"));
                default -> throw new UncheckedIOException(new IOException("transient"));
            }
        }
    }

    /** Requires the given tasks; writes its output. */
    record RtpBoth(@Param(significant = false) String dir, RtpFlaky flaky, RtpQuick quick) implements Task {
        @Override
        public List<Task> requires() {
            return List.of(flaky, quick);
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/both.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("both");
        }
    }

    /** Records its start; writes its output. */
    record RtpQuick(@Param(significant = false) String dir, String name) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/" + name + ".txt");
        }

        @Override
        public void run() throws IOException {
            started(name);
            output().writeText("quick");
        }
    }

    private TaskOutcome outcome(RunResult result, Task task) {
        return result.outcome(task.id()).orElseThrow();
    }

    @Test
    void aTasksOwnRetryCountOverridesTheRunsAndRetryCountCountsRetriesAfterTheFirstAttempt() {
        STARTS.clear();
        String dir = tmp.toString();
        RtpOwnCount own = new RtpOwnCount(dir, 2);
        RtpFlaky runDefault = new RtpFlaky(dir, "runDefault", 5);

        RunResult result = Driver.builder().retryCount(1).build().run(own, runDefault);

        assertEquals(3, attemptsOf("own2"), "its own 2 retries after the first attempt");
        assertEquals(3, outcome(result, own).attempts());
        assertEquals(2, attemptsOf("runDefault"), "--retry-count 1: one retry after the first attempt");
        assertEquals(TaskState.FAILED, outcome(result, runDefault).state());
        assertEquals(FailureReason.ERROR, outcome(result, runDefault).failure());
    }

    @Test
    void aFailureTheTaskDeclaresFinalIsAttemptedOnceEvenWhenItIsTheCause() {
        STARTS.clear();
        String dir = tmp.toString();
        RtpFinal direct = new RtpFinal(dir, "direct");
        RtpFinal wrapped = new RtpFinal(dir, "wrapped");
        RtpFinal other = new RtpFinal(dir, "other");

        RunResult result = Driver.builder().retryCount(2).build().run(direct, wrapped, other);

        assertEquals(1, attemptsOf("final-direct"));
        assertEquals(1, outcome(result, direct).attempts());
        assertEquals(1, attemptsOf("final-wrapped"), "an IllegalArgumentException as the cause is final too");
        assertEquals(3, attemptsOf("final-other"), "other failures keep their retries");
        assertTrue(outcome(result, direct).error().contains("bad input never gets better"), outcome(result, direct).error());
    }

    @Test
    void theWaitBeforeEachRetryGrowsByTheBackoffUpToTheLongestDelay() {
        STARTS.clear();
        RtpFlaky flaky = new RtpFlaky(tmp.toString(), "backoff", 3);
        RetryPolicy policy = RetryPolicy.NONE.withRetries(3).withDelay(Duration.ofMillis(200)).withBackoff(2)
                .withMaxDelay(Duration.ofMillis(500));

        RunResult result = Driver.builder().retryPolicy(policy).build().run(flaky);

        assertTrue(result.success(), ExecutionSummary.render(result));
        assertEquals(4, outcome(result, flaky).attempts());
        List<Long> starts = STARTS.get("backoff");
        long[] expectedMillis = {200, 400, 500}; // 200, 200 x 2, 200 x 4 capped at 500
        for (int i = 0; i < expectedMillis.length; i++) {
            long gapMillis = (starts.get(i + 1) - starts.get(i)) / 1_000_000;
            assertTrue(gapMillis >= expectedMillis[i], "wait before retry " + (i + 1) + ": " + gapMillis + " ms");
            // Generous: a loaded machine may be slow to wake, but not by seconds more than asked.
            assertTrue(gapMillis < expectedMillis[i] + 5_000, "wait before retry " + (i + 1) + ": " + gapMillis + " ms");
        }
    }

    @Test
    void theDelayIsComputedFromTheRetryNumber() {
        RetryPolicy policy = RetryPolicy.NONE.withDelay(Duration.ofSeconds(1)).withBackoff(3).withMaxDelay(Duration.ofSeconds(10));
        assertEquals(Duration.ofSeconds(1), policy.delayBefore(1));
        assertEquals(Duration.ofSeconds(3), policy.delayBefore(2));
        assertEquals(Duration.ofSeconds(9), policy.delayBefore(3));
        assertEquals(Duration.ofSeconds(10), policy.delayBefore(4));
        assertEquals(Duration.ofSeconds(10), policy.delayBefore(400), "no overflow on a long run of retries");
        assertThrows(IllegalArgumentException.class, () -> policy.withRetries(-1));
        assertThrows(IllegalArgumentException.class, () -> policy.withBackoff(0.5));
        assertThrows(IllegalArgumentException.class, () -> policy.withDelay(Duration.ofSeconds(-1)));
        assertTrue(policy.notRetryingOn(IOException.class).isFinal(new UncheckedIOException(new IOException("x"))));
        assertFalse(policy.isFinal(new IOException("x")));
        assertEquals(Set.of(), policy.noRetryOn());
    }

    @Test
    void aRetryWaitingForItsDelayLeavesTheOnlyWorkerToAReadyTask() {
        STARTS.clear();
        String dir = tmp.toString();
        RtpFlaky flaky = new RtpFlaky(dir, "waits", 1);
        RtpQuick quick = new RtpQuick(dir, "quick");
        RetryPolicy policy = RetryPolicy.NONE.withRetries(1).withDelay(Duration.ofSeconds(1));

        RunResult result = Driver.builder().workers(1).retryPolicy(policy).build().run(new RtpBoth(dir, flaky, quick));

        assertTrue(result.success(), ExecutionSummary.render(result));
        long flakyFirst = STARTS.get("waits").get(0);
        long flakySecond = STARTS.get("waits").get(1);
        long quickStart = STARTS.get("quick").get(0);
        assertTrue(flakyFirst < quickStart && quickStart < flakySecond,
                "the ready task ran on the one worker while the failed one waited for its retry");
    }

    @Test
    void cancellingTheRunEndsTheWaitForARetryAtOnce() throws Exception {
        STARTS.clear();
        RtpFlaky flaky = new RtpFlaky(tmp.toString(), "cancelled", 5);
        RunCancellation cancellation = new RunCancellation();
        RetryPolicy policy = RetryPolicy.NONE.withRetries(3).withDelay(Duration.ofHours(1));
        TaskListener cancelAfterFirstFailure = event -> {
            if (event.type() == Event.FAILURE) {
                new Thread(() -> cancellation.cancel("cancelled by the test")).start();
            }
        };

        long start = System.nanoTime();
        RunResult result = Driver.builder().retryPolicy(policy).cancellation(cancellation).listener(cancelAfterFirstFailure)
                .build().run(flaky);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(tookMillis < 30_000, "the hour's wait ended with the cancellation: " + tookMillis + " ms");
        assertEquals(1, attemptsOf("cancelled"));
        TaskOutcome o = outcome(result, flaky);
        assertEquals(TaskState.FAILED, o.state());
        assertEquals(FailureReason.INTERRUPTED, o.failure(), "the cancellation took its retry away");
        assertTrue(o.error().contains("flaky"), "the error is its last attempt's: " + o.error());
        assertFalse(Files.exists(tmp.resolve("cancelled.txt")));
    }

}
