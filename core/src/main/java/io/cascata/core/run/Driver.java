package io.cascata.core.run;

import io.cascata.core.RetryPolicy;
import io.cascata.core.Task;
import io.cascata.core.TaskId;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.param.ParameterSources;
import io.cascata.core.settings.CoreSettings;
import io.cascata.core.settings.DeclaredSettings;
import io.cascata.core.settings.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pipeline from its root tasks: discovers the graph, checks each task's completeness
 * once, runs what is incomplete in dependency order on {@code workers} threads and returns what
 * happened. It neither parses command lines nor prints: see the cli package for that.
 *
 * <p>Everything a run depends on belongs to its driver: the config and parameter sources (bound
 * to the driver's threads, see {@link ParameterSources}), listeners and class-level handlers.
 * Two drivers in one JVM, even running at once, share none of it.
 */
public final class Driver {

    private static final Logger LOG = LoggerFactory.getLogger(Driver.class);

    /** Graphs from this many tasks up are compacted once after discovery (see execute). */
    private static final int COMPACT_AFTER = 100_000;

    private final int workers;
    private final int checkThreads;
    private final RunPolicy policy;
    private final RunCancellation cancellation;
    private final List<TaskListener> listeners;
    private final List<ClassHandler> handlers;
    private final List<TaskExecutor> executors;
    private final ParameterSources sources;
    private final boolean progress;
    private final Optional<Path> lockDirectory;
    private final ResourceLimits resourceLimits;

    private Driver(Builder b) {
        this.workers = b.workers;
        this.checkThreads = b.checkThreads;
        this.policy = new RunPolicy(b.retryPolicy, Optional.ofNullable(b.taskTimeout), b.interruptGrace);
        this.cancellation = b.cancellation;
        this.listeners = List.copyOf(b.listeners);
        this.handlers = List.copyOf(b.handlers);
        List<TaskExecutor> all = new ArrayList<>(b.executors);
        ServiceLoader.load(TaskExecutor.class).forEach(all::add);
        all.add(new PlainTaskExecutor());
        this.executors = List.copyOf(all);
        this.sources = b.sources;
        this.progress = b.progress && b.terminal;
        this.lockDirectory = Optional.ofNullable(b.lockDirectory);
        this.resourceLimits = ResourceLimits.from(b.sources.config());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the given roots to the end and reports every task's outcome. Never throws for task failures. */
    public RunResult run(List<? extends Task> roots) {
        long start = System.nanoTime();
        Optional<RunLock> lock = Optional.empty();
        try (ParameterSources.Scope scope = ParameterSources.use(sources)) {
            List<TaskId> rootIds = new ArrayList<>();
            for (Task root : roots) {
                rootIds.add(root.id());
            }
            if (lockDirectory.isPresent()) {
                RunLock.Attempt attempt = RunLock.tryAcquire(lockDirectory.get(), rootIds);
                lock = attempt.lock();
                if (lock.isEmpty()) {
                    LOG.error("another process is running {}: {} holds the run lock (in {})", rootIds, attempt.holder(),
                            lockDirectory.get());
                    return heldElsewhere(roots, rootIds, "the run lock is held by " + attempt.holder(), start);
                }
            }
            return execute(roots, start);
        } catch (Exception | LinkageError e) {
            LOG.error("the driver failed", e);
            return new RunResult(List.of(), Optional.of(ErrorText.of(e)), since(start));
        } finally {
            lock.ifPresent(l -> {
                try {
                    l.close();
                } catch (IOException e) {
                    LOG.warn("cannot release the run lock", e);
                }
            });
        }
    }

    /** Runs the given roots; see {@link #run(List)}. */
    public RunResult run(Task... roots) {
        return run(List.of(roots));
    }

    private RunResult execute(List<? extends Task> roots, long start) throws InterruptedException {
        EventDispatcher events = new EventDispatcher(listeners, handlers);
        ExecutorService checkers = Executors.newFixedThreadPool(checkThreads, threads("cascata-check"));
        // Cached, not fixed: the scheduler keeps at most `workers` loops busy, but an attempt that
        // ignores its interruption keeps its thread after the scheduler has given up on it.
        ExecutorService runners = Executors.newCachedThreadPool(threads("cascata-worker"));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, threads("cascata-timer"));
        timer.setRemoveOnCancelPolicy(true);
        RunResources resources = new RunResources();
        try {
            GraphDiscovery discovery = new GraphDiscovery(checkers, events, resourceLimits);
            Optional<List<TaskNode>> discovered = discoverUnlessCancelled(discovery, roots);
            if (discovered.isEmpty()) {
                return notStarted(roots, start);
            }
            // Tasks required while running join this list; the checkers stay for their completeness checks.
            List<TaskNode> nodes = discovered.get();
            if (nodes.size() >= COMPACT_AFTER) {
                // Discovery made G1 take far more heap than the graph needs; see HeapCompaction.
                HeapCompaction.compact();
            }
            LOG.debug("discovered {} tasks in {} ms", nodes.size(), since(start).toMillis());
            CoreSettings core = Settings.read(CoreSettings.class, sources.config());
            try (LeaseGate leases = new LeaseGate(core.leaseTtl(), core.leaseWait(), cancellation::isCancelled)) {
                Scheduler scheduler = new Scheduler(nodes, runners, workers, policy, executors, events,
                        sources.config(), timer, cancellation, resources, leases, discovery, resourceLimits);
                if (progress) {
                    try (ProgressLine line = new ProgressLine(System.err, nodes.size(), scheduler::settledCount,
                            scheduler::runningCount)) {
                        scheduler.run();
                    }
                } else {
                    scheduler.run();
                }
            }
            LOG.debug("scheduled and ran them by {} ms", since(start).toMillis());
            List<TaskOutcome> outcomes = new ArrayList<>(nodes.size());
            Map<TaskNode, Set<PendingReason>> pendingReasons = PendingReasons.of(nodes);
            for (TaskNode n : nodes) {
                outcomes.add(new TaskOutcome(n.id, n.task, n.state, n.state == TaskState.PENDING ? n.reason : null,
                        n.attempts, n.runNanos == 0 ? Duration.ZERO : Duration.ofNanos(n.runNanos), n.errorText, n.details,
                        n.failure, pendingReasons.getOrDefault(n, Set.of())));
            }
            return new RunResult(outcomes, Optional.empty(), since(start));
        } finally {
            checkers.shutdownNow();
            runners.shutdownNow();
            timer.shutdownNow();
            resources.close();
        }
    }

    /**
     * The graph, or empty when the run is cancelled while it is being discovered (completeness
     * checks of a big graph on a slow store can take a while): the cancellation interrupts this
     * thread's wait, and the checks still running are interrupted when the driver shuts their pool.
     */
    private Optional<List<TaskNode>> discoverUnlessCancelled(GraphDiscovery discovery, List<? extends Task> roots)
            throws InterruptedException {
        Thread caller = Thread.currentThread();
        Object guard = new Object();
        boolean[] discovering = {true};
        try (RunCancellation.Registration registration = cancellation.onCancel(() -> {
            synchronized (guard) {
                if (discovering[0]) {
                    caller.interrupt();
                }
            }
        })) {
            return Optional.of(discovery.discover(roots));
        } catch (InterruptedException e) {
            if (!cancellation.isCancelled()) {
                throw e;
            }
            LOG.warn("{} while discovering the graph", cancellation.reason().orElse("run cancelled"));
            return Optional.empty();
        } finally {
            synchronized (guard) {
                discovering[0] = false;
                if (cancellation.isCancelled()) {
                    Thread.interrupted(); // an interrupt meant for discovery must not end the scheduler's wait
                }
            }
        }
    }

    /** The run cancelled before any task started: the roots, left pending. */
    private static RunResult notStarted(List<? extends Task> roots, long start) {
        List<TaskOutcome> outcomes = new ArrayList<>();
        for (Task root : roots) {
            outcomes.add(new TaskOutcome(root.id(), root, TaskState.PENDING, PendingReason.RUN_INTERRUPTED, 0,
                    Duration.ZERO, null, Map.of()));
        }
        return new RunResult(outcomes, Optional.empty(), since(start));
    }

    private static RunResult heldElsewhere(List<? extends Task> roots, List<TaskId> ids, String why, long start) {
        List<TaskOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < roots.size(); i++) {
            outcomes.add(new TaskOutcome(ids.get(i), roots.get(i), TaskState.RUN_BY_OTHER_WORKER, null, 0,
                    Duration.ZERO, why, Map.of()));
        }
        return new RunResult(outcomes, Optional.empty(), since(start));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The driver's threads, each bound to the run's parameter sources for its whole life. */
    private ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(sources.bindTo(r), prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Settings of a driver; every setter returns the builder. */
    public static final class Builder {
        private int workers = 1;
        private int checkThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        private RetryPolicy retryPolicy = RetryPolicy.NONE;
        private Duration taskTimeout;
        private Duration interruptGrace = Duration.ofSeconds(10);
        private RunCancellation cancellation = new RunCancellation();
        private final List<TaskListener> listeners = new ArrayList<>();
        private final List<ClassHandler> handlers = new ArrayList<>();
        private final List<TaskExecutor> executors = new ArrayList<>();
        private ParameterSources sources;
        private boolean progress;
        private boolean terminal = System.console() != null;
        private Path lockDirectory;

        private Builder() {
        }

        /** How many tasks may run at once (Luigi's --workers). Default 1. */
        public Builder workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1, got " + workers);
            }
            this.workers = workers;
            return this;
        }

        /** How many completeness checks may run at once. Default max(4, 2 x cores). */
        public Builder checkThreads(int checkThreads) {
            if (checkThreads < 1) {
                throw new IllegalArgumentException("check threads must be at least 1, got " + checkThreads);
            }
            this.checkThreads = checkThreads;
            return this;
        }

        /** How many times a failed task is run again before it counts as failed. Default 0. */
        public Builder retryCount(int retryCount) {
            if (retryCount < 0) {
                throw new IllegalArgumentException("retry count must be 0 or more, got " + retryCount);
            }
            this.retryPolicy = retryPolicy.withRetries(retryCount);
            return this;
        }

        /**
         * The run's retry policy, which each task may change for itself (see
         * {@link Task#retryPolicy}); replaces any {@link #retryCount} given before. Default: no retry.
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = java.util.Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * How long one attempt of any task may run (a task's own {@link Task#timeout} wins);
         * null for no limit, the default.
         */
        public Builder taskTimeout(Duration taskTimeout) {
            if (taskTimeout != null && (taskTimeout.isNegative() || taskTimeout.isZero())) {
                throw new IllegalArgumentException("the task timeout must be positive, got " + taskTimeout);
            }
            this.taskTimeout = taskTimeout;
            return this;
        }

        /**
         * How long a timed-out attempt, or each attempt of a cancelled run, has to stop once
         * interrupted; after that the driver counts it failed and goes on without it (it never
         * commits). Default 10 s.
         */
        public Builder interruptGrace(Duration interruptGrace) {
            if (interruptGrace.isNegative()) {
                throw new IllegalArgumentException("the interrupt grace must not be negative, got " + interruptGrace);
            }
            this.interruptGrace = interruptGrace;
            return this;
        }

        /** The handle that cancels this driver's runs (see {@link RunCancellation}); by default one nobody holds. */
        public Builder cancellation(RunCancellation cancellation) {
            this.cancellation = java.util.Objects.requireNonNull(cancellation, "cancellation");
            return this;
        }

        /** A listener for every event of this run. */
        public Builder listener(TaskListener listener) {
            listeners.add(listener);
            return this;
        }

        /**
         * A class-level handler for this run, as Luigi's {@code @Task.event_handler}: it receives
         * one event of every task that is an instance of the type (a task class, or an interface
         * such as {@code Task.class} for all). Handlers that belong to the code rather than to a
         * run can be methods of the task class instead: see {@link EventHandler}.
         */
        public Builder eventHandler(Class<?> taskType, Event event, TaskListener handler) {
            handlers.add(new ClassHandler(taskType, event, handler));
            return this;
        }

        /** An executor tried before the ones found through ServiceLoader and the plain one. */
        public Builder executor(TaskExecutor executor) {
            executors.add(executor);
            return this;
        }

        /**
         * The effective config handed to executors and read by tasks, with no command-line
         * parameters; replaces any {@link #parameterSources} given before.
         */
        public Builder config(CascataConfig config) {
            this.sources = new ParameterSources(java.util.Map.of(), config);
            return this;
        }

        /**
         * Where this run's task parameters come from (command line and config); its config is the
         * run's config. Bound to the driver's threads while it runs. Without this or
         * {@link #config}, the driver takes the sources of the thread that builds it.
         */
        public Builder parameterSources(ParameterSources sources) {
            this.sources = sources;
            return this;
        }

        /** Draw a live progress line on standard error when the program is on a terminal. */
        public Builder progress(boolean progress) {
            this.progress = progress;
            return this;
        }

        /**
         * Whether the program is on a terminal, for the progress line; by default whether this
         * JVM has a console (a run server's run has none, its client may have one).
         */
        public Builder terminal(boolean terminal) {
            this.terminal = terminal;
            return this;
        }

        /** Take a run lock in this directory (none by default). */
        public Builder lockDirectory(Path lockDirectory) {
            this.lockDirectory = lockDirectory;
            return this;
        }

        /**
         * The driver. Every declared setting's value in the config is checked first: a bad one is
         * a {@link io.cascata.core.config.ConfigException} naming it, before anything runs.
         */
        public Driver build() {
            if (sources == null) {
                // Code that bound sources to its thread (a test, an embedding program) runs with them.
                sources = ParameterSources.current();
            }
            DeclaredSettings.load().validate(sources.config());
            return new Driver(this);
        }
    }
}
