package io.cascata.core.run;

import io.cascata.core.Shapes;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.targets.OutputTransaction;
import io.cascata.core.targets.Target;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
    private static final Duration SLOW_TASK = Duration.ofSeconds(1);

    private final List<TaskNode> nodes;
    private final ExecutorService workers;
    private final int retryCount;
    private final List<TaskExecutor> executors;
    private final EventDispatcher events;
    private final CascataConfig config;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger settled = new AtomicInteger();
    private int toSettle;

    Scheduler(List<TaskNode> nodes, ExecutorService workers, int retryCount, List<TaskExecutor> executors,
            EventDispatcher events, CascataConfig config) {
        this.nodes = nodes;
        this.workers = workers;
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
        for (String cycle : CycleFinder.markCycles(nodes)) {
            LOG.error("{}", cycle);
        }
        List<TaskNode> pending = new ArrayList<>();
        for (TaskNode node : nodes) {
            if (node.state == TaskState.PENDING) {
                pending.add(node);
            } else {
                settled.incrementAndGet();
            }
        }
        for (TaskNode node : pending) {
            for (TaskNode requirement : node.knownRequirements()) {
                if (requirement.state == TaskState.PENDING) {
                    node.remaining++;
                    requirement.dependents.add(node);
                } else {
                    node.blockedBy = PendingReason.stronger(node.blockedBy,
                            PendingReason.from(requirement.state, requirement.reason));
                }
            }
        }
        synchronized (this) {
            toSettle = pending.size();
            Deque<TaskNode> work = new ArrayDeque<>();
            for (TaskNode node : pending) {
                if (node.remaining == 0) {
                    work.add(node);
                }
            }
            settleAll(work);
            while (toSettle > 0) {
                wait();
            }
        }
    }

    /** Starts or blocks every node in the queue, and whatever blocking them frees in turn. Holds the lock. */
    private void settleAll(Deque<TaskNode> work) {
        while (!work.isEmpty()) {
            TaskNode node = work.poll();
            if (node.blockedBy == null) {
                node.inFlight = true;
                running.incrementAndGet();
                workers.execute(() -> runNode(node));
            } else {
                node.reason = node.blockedBy;
                LOG.debug("{} left pending: it {}", node.id.display(), node.reason.words());
                finish(node, work);
            }
        }
    }

    /** Records a settled node and releases its dependents. Holds the lock. */
    private void finish(TaskNode node, Deque<TaskNode> work) {
        toSettle--;
        settled.incrementAndGet();
        PendingReason inherited = PendingReason.from(node.state, node.reason);
        for (TaskNode dependent : node.dependents) {
            dependent.blockedBy = PendingReason.stronger(dependent.blockedBy, inherited);
            if (--dependent.remaining == 0) {
                work.add(dependent);
            }
        }
        if (toSettle == 0) {
            notifyAll();
        }
    }

    private void runNode(TaskNode node) {
        boolean ok = false;
        try {
            int attempts = 1 + Math.max(0, retryCount);
            for (int attempt = 1; attempt <= attempts && !ok; attempt++) {
                ok = attempt(node, attempt);
            }
        } catch (Throwable t) {
            node.error = t;
            node.errorText = GraphDiscovery.describe(t);
            LOG.error("unexpected error running {}", node.id.display(), t);
        } finally {
            running.decrementAndGet();
            synchronized (this) {
                node.inFlight = false;
                node.state = ok ? TaskState.COMPLETED : TaskState.FAILED;
                Deque<TaskNode> work = new ArrayDeque<>();
                finish(node, work);
                settleAll(work);
            }
        }
    }

    private boolean attempt(TaskNode node, int attempt) {
        node.attempts = attempt;
        ExecutionContext context = new ExecutionContext(node.id, attempt, config);
        events.fire(Event.START, node.task);
        LOG.debug("running {} (attempt {})", node.id.display(), attempt);
        long start = System.nanoTime();
        try {
            List<Target> declared = Shapes.targets(node.task.output());
            List<String> locations = new ArrayList<>(declared.size());
            for (Target target : declared) {
                locations.add(target.location());
            }
            try (OutputTransaction tx = OutputTransaction.begin(locations)) {
                if (!node.defaultWrapper) {
                    executorFor(node).execute(node.task, context);
                }
                if (node.outputsDecideCompleteness) {
                    checkOutputsExist(declared, tx.stagedLocations());
                }
                tx.commit();
            }
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            node.runTime = Duration.ofNanos(System.nanoTime() - start);
            node.details = context.details();
            node.error = e;
            node.errorText = GraphDiscovery.describe(e);
            LOG.error("{} failed (attempt {}): {}", node.id.display(), attempt, node.errorText, e);
            events.fire(Event.FAILURE, node.task, null, null, e);
            return false;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        node.runTime = took;
        node.details = context.details();
        node.error = null;
        node.errorText = null;
        if (took.compareTo(SLOW_TASK) >= 0) {
            LOG.info("{} done in {} s", node.id.display(), String.format("%.1f", took.toMillis() / 1000.0));
        } else {
            LOG.debug("{} done in {} ms", node.id.display(), took.toMillis());
        }
        events.fire(Event.SUCCESS, node.task);
        events.fire(Event.PROCESSING_TIME, node.task, null, took, null);
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
     * A task must leave every output it declares; otherwise the attempt fails and what it did
     * write is not published. Outputs staged in this attempt are known to be there.
     */
    private static void checkOutputsExist(List<Target> declared, Set<String> staged) {
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
