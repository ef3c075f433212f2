package io.cascata.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.RetryPolicy;
import io.cascata.core.Task;
import io.cascata.core.TestFiles;
import io.cascata.core.WrapperTask;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.targets.LocalTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's side of fused chains, with an executor that runs a chain by running its tasks one
 * after another in one attempt: which tasks form a chain, one attempt for the chain, commits only
 * after it succeeded, every task failed when it failed, a retry that runs the tasks one by one.
 */
class FusedChainTest {

    @TempDir
    Path tmp;

    /** Writes its number, plus one, after the number of the link before. */
    record Link(@Param(significant = false) String dir, int n, List<Link> before, int retries) implements Task {
        @Override
        public List<Link> requires() {
            return before;
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/link-" + n + ".txt");
        }

        @Override
        public RetryPolicy retryPolicy(RetryPolicy configured) {
            return configured.withRetries(retries);
        }

        @Override
        public void run() throws Exception {
            output().writeText(Integer.toString(n));
        }
    }

    /** Needs its tasks; is never fused. */
    record All(List<Link> links) implements WrapperTask {
        @Override
        public List<Link> requires() {
            return links;
        }
    }

    /** Runs links, and a chain of links as their runs one after another; may fail a chain after it ran. */
    static final class ChainExecutor implements FusingExecutor {
        final List<List<Task>> chains = new CopyOnWriteArrayList<>();
        final AtomicInteger alone = new AtomicInteger();
        final AtomicInteger chainFailures;

        ChainExecutor(int chainFailures) {
            this.chainFailures = new AtomicInteger(chainFailures);
        }

        @Override
        public boolean handles(Task task) {
            return task instanceof Link || task instanceof SlowLink;
        }

        @Override
        public void execute(Task task, ExecutionContext context) throws Exception {
            alone.incrementAndGet();
            task.run(context);
        }

        @Override
        public boolean fuses(Task upstream, Task downstream, CascataConfig config) {
            return true;
        }

        @Override
        public void executeChain(List<Task> chain, List<ExecutionContext> contexts) throws Exception {
            chains.add(chain);
            for (int i = 0; i < chain.size(); i++) {
                contexts.get(i).note("fused", Integer.toString(chain.size()));
                chain.get(i).run(contexts.get(i));
            }
            if (chainFailures.getAndDecrement() > 0) {
                throw new IllegalStateException("the chain's job failed after every task wrote");
            }
        }
    }

    private List<Link> chain(int length, int headRetries) {
        List<Link> links = new java.util.ArrayList<>();
        for (int i = 1; i <= length; i++) {
            links.add(new Link(tmp.toString(), i, links.isEmpty() ? List.of() : List.of(links.get(links.size() - 1)),
                    i == 1 ? headRetries : 0));
        }
        return links;
    }

    private static Driver driver(ChainExecutor executor) {
        return Driver.builder().workers(2).executor(executor).build();
    }

    @Test
    void aChainOfTasksEachTheOnlyConsumerOfTheOneBeforeRunsAsOneAttempt() {
        List<Link> links = chain(3, 0);
        ChainExecutor executor = new ChainExecutor(0);

        RunResult result = driver(executor).run(links.get(2));

        assertTrue(result.success(), result.toString());
        assertEquals(List.of(List.<Task>copyOf(links)), executor.chains);
        assertEquals(0, executor.alone.get());
        for (TaskOutcome o : result.outcomes()) {
            assertEquals(TaskState.COMPLETED, o.state());
            assertEquals(1, o.attempts());
            assertEquals("3", o.details().get("fused"));
        }
        assertEquals(List.of("link-1.txt", "link-2.txt", "link-3.txt"), TestFiles.entries(tmp));
    }

    @Test
    void aFailedChainFailsEveryTaskAndPublishesNothing() {
        List<Link> links = chain(3, 0);
        ChainExecutor executor = new ChainExecutor(1);

        RunResult result = driver(executor).run(links.get(2));

        assertFalse(result.success());
        assertEquals(3, result.outcomes().size());
        for (TaskOutcome o : result.outcomes()) {
            assertEquals(TaskState.FAILED, o.state());
            assertEquals(FailureReason.ERROR, o.failure());
            assertTrue(o.error().contains("the chain's job failed after every task wrote"), o.error());
        }
        assertEquals(List.of(), TestFiles.entries(tmp), "no output of any task of the chain is published");
    }

    @Test
    void aFailedChainWhoseFirstTaskHasARetryLeftRunsAgainTaskByTask() {
        List<Link> links = chain(3, 1);
        ChainExecutor executor = new ChainExecutor(1);

        RunResult result = driver(executor).run(links.get(2));

        assertTrue(result.success(), result.toString());
        assertEquals(1, executor.chains.size(), "the chain ran once as one");
        assertEquals(3, executor.alone.get(), "then each task on its own");
        for (TaskOutcome o : result.outcomes()) {
            assertEquals(TaskState.COMPLETED, o.state());
            assertEquals(2, o.attempts(), o.toString());
        }
        assertEquals(List.of("link-1.txt", "link-2.txt", "link-3.txt"), TestFiles.entries(tmp));
    }

    @Test
    void aTaskWithTwoConsumersEndsAChainAndATaskWaitingForAnotherStartsNone() {
        Link first = new Link(tmp.toString(), 1, List.of(), 0);
        Link second = new Link(tmp.toString(), 2, List.of(first), 0);
        // second has two consumers: first -> second is a chain, nothing after second is.
        Link third = new Link(tmp.toString(), 3, List.of(second), 0);
        Link other = new Link(tmp.toString(), 4, List.of(), 0);
        // fifth needs third and other, both still to run: no chain ends in it.
        Link fifth = new Link(tmp.toString(), 5, List.of(third, other), 0);
        Link sixth = new Link(tmp.toString(), 6, List.of(second), 0);
        ChainExecutor executor = new ChainExecutor(0);

        RunResult result = driver(executor).run(new All(List.of(fifth, sixth)));

        assertTrue(result.success(), result.toString());
        assertEquals(List.of(List.<Task>of(first, second)), executor.chains);
        assertEquals(4, executor.alone.get());
    }

    @Test
    void aChainTimesOutAfterTheSumOfItsTasksTimeoutsAndPublishesNothing() throws Exception {
        SlowLink a = new SlowLink(tmp.toString(), "a", List.of());
        SlowLink b = new SlowLink(tmp.toString(), "b", List.of(a));
        ChainExecutor executor = new ChainExecutor(0);
        long start = System.nanoTime();
        RunResult result = driver(executor).run(b);
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(1, executor.chains.size());
        for (TaskOutcome o : result.outcomes()) {
            assertEquals(TaskState.FAILED, o.state());
            assertEquals(FailureReason.TIMED_OUT, o.failure());
            assertTrue(o.error().startsWith("timed out after 1.0 s"), o.error());
        }
        assertTrue(tookMs < 30_000, "stopped after " + tookMs + " ms");
        assertFalse(Files.exists(tmp.resolve("b.txt")));
        assertEquals(List.of(), TestFiles.entries(tmp));
    }

    /** Writes, then sleeps far past its half-second timeout. */
    record SlowLink(@Param(significant = false) String dir, String name, List<SlowLink> before) implements Task {
        @Override
        public List<SlowLink> requires() {
            return before;
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/" + name + ".txt");
        }

        @Override
        public java.util.Optional<Duration> timeout() {
            return java.util.Optional.of(Duration.ofMillis(500));
        }

        @Override
        public void run() throws Exception {
            output().writeText(name);
            if (name.equals("b")) {
                Thread.sleep(60_000);
            }
        }
    }
}
