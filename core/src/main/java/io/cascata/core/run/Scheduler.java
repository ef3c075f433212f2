package io.cascata.core.run;

import io.cascata.core.Shapes;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.targets.OutputTransaction;
import io.cascata.core.targets.Target;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the incomplete tasks in dependency order on the worker pool: a task starts only when
 * every task it requires has completed; a task whose requirement failed, is missing or could
 * not be scheduled is left pending with that reason, while independent branches go on.
 */
final class Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final long SLOW_TASK_NANOS = Duration.ofSeconds(1).toNanos();

    private final List<TaskNode> nodes;
    private final ExecutorService workers;
    private final int workerCount;
    private final int retryCount;
    private final List<TaskExecutor> executors;
    private final EventDispatcher events;
    private final CascataConfig config;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger settled = new AtomicInteger();

    // Guarded by this. Tasks ready to run wait here rather than in the pool's queue: one reference
    // each instead of a queue node and a closure, and the busy workers take the next one themselves.
    private final ArrayDeque<TaskNode> ready = new ArrayDeque<>();
    private int loops;
    private int toSettle;
    // Who requires whom, by slot (a node's index in nodes): the dependents of slot i are
    // dependents[firstDependent[i] .. firstDependent[i + 1]). Two int arrays for the whole graph
    // rather than a list in every node.
    private int[] firstDependent;
    private int[] dependents;

    Scheduler(List<TaskNode> nodes, ExecutorService workers, int workerCount, int retryCount,
            List<TaskExecutor> executors, EventDispatcher events, CascataConfig config) {
        this.nodes = nodes;
        this.workers = workers;
        this.workerCount = workerCount;
        this.retryCount = retryCount;
        this.executors = executors;
        this.events = events;
        this.config = config;
    }

    /** Tasks settled so far (complete, run, failed or left pending) and running now. */
    int settledCount() {
        return settled.get();
    }

    int runningCount() {
        return running.get();
    }

    void run() throws InterruptedException {
        for (int i = 0; i < nodes.size(); i++) {
            nodes.get(i).slot = i;
        }
        for (String cycle : CycleFinder.markCycles(nodes)) {
            LOG.error("{}", cycle);
        }
        int[] first = new int[nodes.size() + 1];
        int pending = 0;
        for (TaskNode node : nodes) {
            if (node.state != TaskState.PENDING) {
                settled.incrementAndGet();
                continue;
            }
            pending++;
            for (TaskNode requirement : node.knownRequirements()) {
                if (requirement.state == TaskState.PENDING) {
                    node.remaining++;
                    first[requirement.slot + 1]++;
                } else {
                    node.blockedBy = PendingReason.stronger(node.blockedBy,
                            PendingReason.from(requirement.state, requirement.reason));
                }
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            first[i + 1] += first[i];
        }
        int[] edges = new int[first[nodes.size()]];
        int[] fill = Arrays.copyOf(first, nodes.size());
        for (TaskNode node : nodes) {
            if (node.state == TaskState.PENDING) {
                for (TaskNode requirement : node.knownRequirements()) {
                    if (requirement.state == TaskState.PENDING) {
                        edges[fill[requirement.slot]++] = node.slot;
                    }
                }
            }
        }
        synchronized (this) {
            firstDependent = first;
            dependents = edges;
            toSettle = pending;
            for (TaskNode node : nodes) {
                if (node.state == TaskState.PENDING && node.remaining == 0) {
                    release(node);
                }
            }
            dispatch();
            while (toSettle > 0) {
                wait();
            }
        }
    }

    /** A node whose requirements have all settled: ready to run, or left pending for their reason. Holds the lock. */
    private void release(TaskNode node) {
        if (node.blockedBy == null) {
            ready.add(node);
        } else {
            node.reason = node.blockedBy;
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} left pending: it {}", node.id, node.reason.words());
            }
            settle(node);
        }
    }

    /** Records a settled node and releases the dependents it was the last to hold up. Holds the lock. */
    private void settle(TaskNode settledNode) {
        // Iterative: a long chain left pending behind a failure must not deepen the stack.
        ArrayDeque<TaskNode> work = null;
        TaskNode node = settledNode;
        while (node != null) {
            toSettle--;
            settled.incrementAndGet();
            PendingReason inherited = PendingReason.from(node.state, node.reason);
            for (int e = firstDependent[node.slot]; e < firstDependent[node.slot + 1]; e++) {
                TaskNode dependent = nodes.get(dependents[e]);
                dependent.blockedBy = PendingReason.stronger(dependent.blockedBy, inherited);
                if (--dependent.remaining == 0) {
                    if (dependent.blockedBy == null) {
                        ready.add(dependent);
                    } else {
                        dependent.reason = dependent.blockedBy;
                        if (LOG.isDebugEnabled()) {
                            LOG.debug("{} left pending: it {}", dependent.id, dependent.reason.words());
                        }
                        if (work == null) {
                            work = new ArrayDeque<>();
                        }
                        work.add(dependent);
                    }
                }
            }
            node = work == null ? null : work.poll();
        }
        if (toSettle == 0) {
            notifyAll();
        }
    }

    /**
     * Starts worker loops for the ready tasks, up to the number of workers. Every loop already
     * started is busy or about to take a task, so each ready task beyond them gets a new one. Holds the lock.
     */
    private void dispatch() {
        for (int n = Math.min(workerCount - loops, ready.size()); n > 0; n--) {
            loops++;
            workers.execute(this::workLoop);
        }
    }

    /** Runs ready tasks one after another until none is left. */
    private void workLoop() {
        TaskNode node;
        synchronized (this) {
            node = ready.poll();
            if (node == null) {
                loops--;
            }
        }
        while (node != null) {
            boolean ok = runNode(node);
            synchronized (this) {
                node.state = ok ? TaskState.COMPLETED : TaskState.FAILED;
                settle(node);
                node = ready.poll();
                if (node == null) {
                    loops--;
                } else {
                    dispatch();
                }
            }
        }
    }

    private boolean runNode(TaskNode node) {
        running.incrementAndGet();
        boolean ok = false;
        try {
            int attempts = 1 + Math.max(0, retryCount);
            for (int attempt = 1; attempt <= attempts && !ok; attempt++) {
                ok = attempt(node, attempt);
            }
        } catch (Throwable t) {
            node.errorText = ErrorText.of(t);
            LOG.error("unexpected error running {}", node.id, t);
        } finally {
            running.decrementAndGet();
        }
        return ok;
    }

    private boolean attempt(TaskNode node, int attempt) {
        node.attempts = attempt;
        ExecutionContext context = new ExecutionContext(node.id, attempt, config);
        events.fire(Event.START, node.task);
        if (LOG.isDebugEnabled()) {
            LOG.debug("running {} (attempt {})", node.id, attempt);
        }
        long start = System.nanoTime();
        try {
            List<Target> declared = Shapes.targets(node.task.output());
            List<String> locations = new ArrayList<>(declared.size());
            for (Target target : declared) {
                locations.add(target.location());
            }
            try (OutputTransaction tx = OutputTransaction.begin(locations)) {
                executorFor(node).execute(node.task, context);
                checkOutputsExist(declared, tx);
                tx.commit();
            }
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            node.runNanos = System.nanoTime() - start;
            node.details = context.details();
            node.errorText = ErrorText.of(e);
            LOG.error("{} failed (attempt {}): {}", node.id, attempt, node.errorText, e);
            events.fire(Event.FAILURE, node.task, null, null, e);
            return false;
        }
        long took = System.nanoTime() - start;
        node.runNanos = took;
        node.details = context.details();
        node.errorText = null;
        if (took >= SLOW_TASK_NANOS) {
            LOG.info("{} done in {} s", node.id, String.format("%.1f", took / 1e9));
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("{} done in {} ms", node.id, took / 1_000_000);
        }
        events.fire(Event.SUCCESS, node.task);
        events.processingTime(node.task, took);
        return true;
    }

    private TaskExecutor executorFor(TaskNode node) {
        for (TaskExecutor executor : executors) {
            if (executor.handles(node.task)) {
                return executor;
            }
        }
        throw new IllegalStateException("no executor handles " + node.id.display());
    }

    /**
     * Every task must leave every output it declares, whatever its complete() says; otherwise the
     * attempt fails and what it did write is not published. Outputs staged in this attempt are
     * known to be there; the others are looked for.
     */
    private static void checkOutputsExist(List<Target> declared, OutputTransaction tx) {
        if (declared.isEmpty()) {
            return;
        }
        Set<String> staged = tx.stagedLocations();
        List<String> missing = new ArrayList<>();
        for (Target target : declared) {
            if (!staged.contains(target.location()) && !target.exists()) {
                missing.add(target.location());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("run() returned but its output is missing: " + String.join(", ", missing));
        }
    }
}
