package io.cascata.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.targets.LocalTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tasks required while a task runs ({@link ExecutionContext#require}): run like any other, on any
 * number of workers, their failure failing the task that asked, nested, and never run twice.
 */
class DynamicRequirementsTest {

    /** How many times each task's run started, by output name: the asker must resume, not restart. */
    static final Map<String, AtomicInteger> STARTS = new ConcurrentHashMap<>();

    @TempDir
    Path tmp;

    private static void started(String name) {
        STARTS.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Upper-cases one input file. */
    record DynUpper(@Param(significant = false) String dir, String file) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/out/" + file);
        }

        @Override
        public void run() throws Exception {
            started(file);
            if (file.startsWith("bad")) {
                throw new IllegalStateException("cannot read " + file);
            }
            output().writeText(Files.readString(Path.of(dir, "in", file)).toUpperCase());
        }
    }

    /** Lists the input directory while it runs, requires one DynUpper per file, and joins their outputs. */
    record DynJoin(@Param(significant = false) String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/joined.txt");
        }

        @Override
        public void run(ExecutionContext context) throws Exception {
            started("joined");
            List<DynUpper> parts = new ArrayList<>();
            try (Stream<Path> files = Files.list(Path.of(dir, "in"))) {
                files.map(p -> p.getFileName().toString()).sorted().forEach(f -> parts.add(new DynUpper(dir, f)));
            }
            List<LocalTarget> uppers = context.require(parts);
            StringBuilder joined = new StringBuilder();
            for (LocalTarget t : uppers) {
                joined.append(t.readText());
            }
            output().writeText(joined.toString());
        }
    }

    /** Requires tasks that themselves require tasks while running, two levels deep. */
    record DynTree(@Param(significant = false) String dir, int depth, int n) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/tree_" + depth + "_" + n + ".txt");
        }

        @Override
        public void run(ExecutionContext context) throws Exception {
            started("tree_" + depth + "_" + n);
            int sum = n;
            if (depth > 0) {
                List<LocalTarget> children = context.require(List.of(new DynTree(dir, depth - 1, 2 * n), new DynTree(dir, depth - 1, 2 * n + 1)));
                for (LocalTarget child : children) {
                    sum += Integer.parseInt(child.readText().trim());
                }
            }
            output().writeText(Integer.toString(sum));
        }
    }

    private void inputs(String... names) throws Exception {
        Files.createDirectories(tmp.resolve("in"));
        for (String name : names) {
            Files.writeString(tmp.resolve("in").resolve(name), name + ";");
        }
    }

    @ParameterizedTest(name = "{0} worker(s)")
    @ValueSource(ints = {1, 4})
    void aTaskGoesOnWithTheOutputsOfTasksItFoundWhileRunning(int workers) throws Exception {
        STARTS.clear();
        inputs("a", "b", "c", "d", "e");

        RunResult result = Driver.builder().workers(workers).build().run(new DynJoin(tmp.toString()));

        assertTrue(result.success(), () -> ExecutionSummary.body(result));
        assertEquals("A;B;C;D;E;", Files.readString(tmp.resolve("joined.txt")));
        assertEquals(6, result.ranCount(), "the five dynamic tasks and the one that asked for them");
        assertEquals(1, STARTS.get("joined").get(), "run() resumed after require(), it did not start again");
        assertTrue(ExecutionSummary.body(result).contains("6 ran successfully"), () -> ExecutionSummary.body(result));
    }

    @Test
    void aRerunOfTheCompleteGraphRunsNothing() throws Exception {
        inputs("a", "b");
        assertTrue(Driver.builder().workers(2).build().run(new DynJoin(tmp.toString())).success());
        STARTS.clear();

        RunResult again = Driver.builder().workers(2).build().run(new DynJoin(tmp.toString()));

        assertTrue(again.success());
        assertEquals(0, again.ranCount());
        assertTrue(STARTS.isEmpty(), "nothing ran: " + STARTS);
    }

    @Test
    void tasksAlreadyCompleteAreNotRunAgainWhenRequiredWhileRunning() throws Exception {
        inputs("a", "b", "c");
        Files.createDirectories(tmp.resolve("out"));
        Files.writeString(tmp.resolve("out/b"), "done before;");
        STARTS.clear();

        RunResult result = Driver.builder().workers(1).build().run(new DynJoin(tmp.toString()));

        assertTrue(result.success(), () -> ExecutionSummary.body(result));
        assertEquals("A;done before;C;", Files.readString(tmp.resolve("joined.txt")));
        assertEquals(3, result.ranCount());
        assertFalse(STARTS.containsKey("b"));
    }

    @ParameterizedTest(name = "{0} worker(s)")
    @ValueSource(ints = {1, 4})
    void aFailedDynamicRequirementFailsTheTaskThatAskedAndTheSummarySaysWhy(int workers) throws Exception {
        STARTS.clear();
        inputs("a", "bad1", "c");

        RunResult result = Driver.builder().workers(workers).retryCount(2).build().run(new DynJoin(tmp.toString()));

        assertFalse(result.success());
        TaskOutcome bad = result.outcome(new DynUpper(tmp.toString(), "bad1").id()).orElseThrow();
        assertEquals(TaskState.FAILED, bad.state());
        assertEquals(3, bad.attempts(), "the dynamic task is retried as any other");
        TaskOutcome asker = result.outcome(new DynJoin(tmp.toString()).id()).orElseThrow();
        assertEquals(TaskState.FAILED, asker.state());
        assertEquals(1, asker.attempts(), "not retried: its requirement would fail it again");
        assertTrue(asker.error().contains("DynUpper(file=bad1) failed"), asker.error());
        assertFalse(Files.exists(tmp.resolve("joined.txt")));
        String summary = ExecutionSummary.body(result);
        assertTrue(summary.contains("2 ran successfully"), summary);
        assertTrue(summary.contains("* 2 failed, among these:"), summary);
        assertTrue(summary.contains("* 1 had failed dependencies required while running:\n        - 1 DynJoin()"), summary);
        assertTrue(summary.contains("* 1 failed with an error:\n        - 1 DynUpper(file=bad1)"), summary);
        assertEquals(FailureReason.REQUIREMENT_FAILED, asker.failure());
    }

    @ParameterizedTest(name = "{0} worker(s)")
    @ValueSource(ints = {1, 4})
    void nestedDynamicRequirementsRunToTheEnd(int workers) throws Exception {
        STARTS.clear();

        RunResult result = Driver.builder().workers(workers).build().run(new DynTree(tmp.toString(), 3, 1));

        assertTrue(result.success(), () -> ExecutionSummary.body(result));
        assertEquals(15, result.ranCount(), "a binary tree three levels below its root");
        // The root's sum is the sum of every node's n in the tree: 1 .. 15.
        assertEquals(120, Integer.parseInt(Files.readString(tmp.resolve("tree_3_1.txt")).trim()));
        STARTS.values().forEach(starts -> assertEquals(1, starts.get(), "each run() started once: " + STARTS));
    }

    /** Requires, while running, a task that requires it: a cycle the driver must refuse rather than wait forever. */
    record DynSelfish(@Param(significant = false) String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/selfish.txt");
        }

        @Override
        public void run(ExecutionContext context) throws Exception {
            context.require(new DynNeedsSelfish(dir));
            output().writeText("never");
        }
    }

    record DynNeedsSelfish(@Param(significant = false) String dir) implements Task {
        @Override
        public DynSelfish requires() {
            return new DynSelfish(dir);
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/needs.txt");
        }

        @Override
        public void run() throws Exception {
            output().writeText("never");
        }
    }

    @Test
    void aDynamicRequirementThatNeedsTheAskerFailsItInsteadOfWaitingForever() {
        RunResult result = Driver.builder().workers(1).build().run(new DynSelfish(tmp.toString()));

        TaskOutcome asker = result.outcome(new DynSelfish(tmp.toString()).id()).orElseThrow();
        assertEquals(TaskState.FAILED, asker.state());
        assertTrue(asker.error().contains("a dependency cycle"), asker.error());
        TaskOutcome needs = result.outcome(new DynNeedsSelfish(tmp.toString()).id()).orElseThrow();
        assertEquals(TaskState.PENDING, needs.state());
        assertEquals(PendingReason.UPSTREAM_FAILURE, needs.reason());
    }

    record DynSlow(@Param(significant = false) String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/slow.txt");
        }

        @Override
        public void run() throws Exception {
            Thread.sleep(1500);
            output().writeText("slow");
        }
    }

    /** Times out while it waits for what it required. */
    record DynImpatient(@Param(significant = false) String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/impatient.txt");
        }

        @Override
        public java.util.Optional<java.time.Duration> timeout() {
            return java.util.Optional.of(java.time.Duration.ofMillis(300));
        }

        @Override
        public void run(ExecutionContext context) throws Exception {
            context.require(new DynSlow(dir));
            output().writeText("never");
        }
    }

    @Test
    void aTaskTimesOutWhileItWaitsAndTheRunStillEnds() {
        RunResult result = Driver.builder().workers(1).build().run(new DynImpatient(tmp.toString()));

        TaskOutcome impatient = result.outcome(new DynImpatient(tmp.toString()).id()).orElseThrow();
        assertEquals(TaskState.FAILED, impatient.state());
        assertEquals(FailureReason.TIMED_OUT, impatient.failure());
        assertFalse(Files.exists(tmp.resolve("impatient.txt")));
        assertEquals(TaskState.COMPLETED, result.outcome(new DynSlow(tmp.toString()).id()).orElseThrow().state(),
                "what it required still ran, on the worker it gave back");
    }
}
