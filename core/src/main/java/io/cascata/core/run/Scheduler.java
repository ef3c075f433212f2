package io.cascata.core.run;

import io.cascata.core.RetryPolicy;
import io.cascata.core.Shapes;
import io.cascata.core.Task;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.targets.OutputTransaction;
import io.cascata.core.targets.Target;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the incomplete tasks in dependency order on the worker pool: a task starts only when
 * every task it requires has completed; a task whose requirement failed, is missing or could
 * not be scheduled is left pending with that reason, while independent branches go on.
 *
 * <p>A failed attempt is retried as the task's {@link RetryPolicy} says; a retry that must wait
 * waits on the run's timer, not on a worker, so other ready tasks use the worker meanwhile. An
 * attempt that runs past its timeout, and every attempt of a cancelled run, is stopped (see
 * {@link RunningAttempt}); one that does not stop within the interrupt grace is abandoned: its
 * task counts as failed, it never commits, and a new worker takes its place.
 */
final class Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final long SLOW_TASK_NANOS = Duration.ofSeconds(1).toNanos();

    private final List<TaskNode> nodes;
    private final ExecutorService workers;
    private final int workerCount;
    private final RunPolicy policy;
    private final List<TaskExecutor> executors;
    private final EventDispatcher events;
    private final CascataConfig config;
    private final ScheduledExecutorService timer;
    private final RunCancellation cancellation;
    private final RunResources resources;
    private final LeaseGate leases;
    private final AtomicInteger running = new AtomicInteger();
    private final FailureLog failures = new FailureLog(LOG);
    private final AtomicInteger settled = new AtomicInteger();

    private final GraphDiscovery discovery;
    // Guarded by this. Tasks ready to run wait here rather than in the pool's queue: one reference
    // each instead of a queue node and a closure, and the busy workers take the next one themselves.
    private final ReadyTasks ready;
    private int loops;
    private int toSettle;
    // Guarded by this. Tasks required while running (and what they require) join the graph after
    // the int arrays below were built: their edges live in these maps, and the attempts waiting
    // for them are told when they settle. Nodes from staticCount on in the list are such tasks.
    private int staticCount;
    private final Map<TaskNode, List<TaskNode>> lateDependents = new HashMap<>();
    private final Map<TaskNode, List<LateWait>> lateWaits = new HashMap<>();
    /** Attempts whose requirements are done, waiting for a worker (and their resources) to go on. */
    private int resuming;
    // Who requires whom, by slot (a node's index in nodes): the dependents of slot i are
    // dependents[firstDependent[i] .. firstDependent[i + 1]). Two int arrays for the whole graph
    // rather than a list in every node.
    private int[] firstDependent;
    private int[] dependents;
    // Guarded by this: the attempts running now, and the failed tasks waiting on the timer for their retry.
    private final Set<RunningAttempt> runningAttempts = new HashSet<>();
    private final Map<TaskNode, Future<?>> waitingRetry = new HashMap<>();
    private boolean cancelled;
    private long cancelDeadline;

    /**
     * @param workers runs the worker loops; it must not limit its threads below {@code workerCount}
     *     plus the attempts abandoned in this run (a cached pool), since an abandoned attempt keeps its thread
     * @param nodes the graph; tasks required while running are added to it
     * @param timer wakes retries and stops attempts at their timeout
     * @param resources what the run's tasks share, handed to every attempt
     * @param leases holds each task's lease around its attempts (see {@link LeaseGate})
     * @param discovery finds and checks the tasks required while running, and their requirements
     */
    Scheduler(List<TaskNode> nodes, ExecutorService workers, int workerCount, RunPolicy policy,
            List<TaskExecutor> executors, EventDispatcher events, CascataConfig config,
            ScheduledExecutorService timer, RunCancellation cancellation, RunResources resources,
            LeaseGate leases, GraphDiscovery discovery, ResourceLimits limits) {
        this.nodes = nodes;
        this.discovery = discovery;
        this.ready = new ReadyTasks(limits);
        this.workers = workers;
        this.workerCount = workerCount;
        this.policy = policy;
        this.executors = executors;
        this.events = events;
        this.config = config;
        this.timer = timer;
        this.cancellation = cancellation;
        this.resources = resources;
        this.leases = leases;
    }

    /** Tasks settled so far (complete, run, failed or left pending) and running now. */
    int settledCount() {
        return settled.get();
    }

    int runningCount() {
        return running.get();
    }

    void run() throws InterruptedException {
        try (RunCancellation.Registration registration = cancellation.onCancel(this::cancel)) {
            schedule();
        }
    }

    private void schedule() throws InterruptedException {
        staticCount = nodes.size();
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
        if (executors.stream().anyMatch(FusingExecutor.class::isInstance)) {
            FusedChains.plan(nodes, first, edges, this::executorFor, config);
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
                if (!cancelled) {
                    wait();
                    continue;
                }
                long left = cancelDeadline - System.nanoTime();
                if (left <= 0) {
                    for (RunningAttempt attempt : List.copyOf(runningAttempts)) {
                        abandon(attempt, FailureReason.INTERRUPTED, "interrupted ("
                                + cancellation.reason().orElse("run cancelled") + "), and it did not stop within the grace of "
                                + policy.interruptGrace().toMillis() / 1000.0 + " s");
                    }
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    /**
     * The run is cancelled: start nothing more, interrupt what runs, end the retries' waits and
     * leave the ready tasks pending. Runs on the cancelling thread.
     */
    private synchronized void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        cancelDeadline = System.nanoTime() + policy.interruptGrace().toNanos();
        LOG.warn("{}: starting no more tasks, interrupting {} running", cancellation.reason().orElse("run cancelled"),
                runningAttempts.size());
        for (RunningAttempt attempt : runningAttempts) {
            attempt.stop(FailureReason.INTERRUPTED);
        }
        // Wakes the attempts waiting to resume, which now stop.
        for (Map.Entry<TaskNode, Future<?>> waiting : waitingRetry.entrySet()) {
            waiting.getValue().cancel(false);
            TaskNode node = waiting.getKey();
            // Interrupted, as the cancellation decided its end; its error stays the last attempt's.
            node.state = TaskState.FAILED;
            node.failure = FailureReason.INTERRUPTED;
            settle(node);
        }
        waitingRetry.clear();
        for (TaskNode node : ready.drain()) {
            node.reason = PendingReason.RUN_INTERRUPTED;
            settle(node);
        }
        notifyAll();
    }

    /** A node whose requirements have all settled: ready to run, or left pending for their reason. Holds the lock. */
    private void release(TaskNode node) {
        if (cancelled && node.blockedBy == null) {
            node.blockedBy = PendingReason.RUN_INTERRUPTED;
        }
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
            if (node.chain != null) {
                // Settled without running its chain (left pending, cancelled, done by another
                // driver): the rest of the chain goes its own way, as if never fused.
                dissolve(node.chain);
            }
            toSettle--;
            settled.incrementAndGet();
            node.settledInRun = true;
            PendingReason inherited = node.failure == FailureReason.INTERRUPTED
                    ? PendingReason.RUN_INTERRUPTED : PendingReason.from(node.state, node.reason);
            if (node.slot < staticCount) {
                for (int e = firstDependent[node.slot]; e < firstDependent[node.slot + 1]; e++) {
                    work = unblock(nodes.get(dependents[e]), inherited, work);
                }
            }
            if (!lateDependents.isEmpty()) {
                List<TaskNode> late = lateDependents.remove(node);
                if (late != null) {
                    for (TaskNode dependent : late) {
                        work = unblock(dependent, inherited, work);
                    }
                }
            }
            if (!lateWaits.isEmpty()) {
                List<LateWait> waits = lateWaits.remove(node);
                if (waits != null) {
                    for (LateWait wait : waits) {
                        if (--wait.remaining == 0) {
                            notifyAll();
                        }
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
     * One of the dependent's requirements settled: it is ready when that was the last, or left
     * pending (added to the work to settle, which is returned) when one of them did not complete.
     */
    private ArrayDeque<TaskNode> unblock(TaskNode dependent, PendingReason inherited, ArrayDeque<TaskNode> work) {
        dependent.blockedBy = PendingReason.stronger(dependent.blockedBy, inherited);
        if (--dependent.remaining == 0 && dependent.carried) {
            return work; // its chain's attempt ran it, and settles it next
        }
        if (dependent.remaining == 0) {
            if (cancelled && dependent.blockedBy == null) {
                dependent.blockedBy = PendingReason.RUN_INTERRUPTED;
            }
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
        return work;
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
            // Set under the lock this loop took the node with, and changed only once it settles.
            TaskNode[] chain = node.chain;
            AttemptResult result = null;
            ChainResult chainResult = null;
            if (chain == null) {
                result = leases.guard(node, this::runAttempt); // null: settled by another driver
            } else {
                chainResult = guardChain(chain, 0);
            }
            synchronized (this) {
                if (node.abandoned) {
                    // Given up on while it ran: settled then, and this loop's place went to a new one.
                    return;
                }
                ready.free(node);
                if (chain != null) {
                    afterChain(chain, chainResult);
                } else if (result == null) {
                    settle(node);
                } else {
                    afterAttempt(node, result);
                }
                if (resuming > 0) {
                    // An attempt whose requirements are done goes on before a new task starts.
                    loops--;
                    notifyAll();
                    return;
                }
                node = ready.poll();
                if (node == null) {
                    loops--;
                } else {
                    dispatch();
                }
            }
        }
    }

    /**
     * What one attempt came to, recorded on its node only by the scheduler (under its lock), so
     * an abandoned attempt that ends late changes nothing.
     *
     * @param started false when the run was cancelled before the attempt could start
     * @param failure what failed it, or null when it succeeded
     * @param reason why it failed, or null when it succeeded
     */
    private record AttemptResult(boolean started, Throwable failure, FailureReason reason, long runNanos,
            Map<String, String> details) {
        static final AttemptResult NOT_STARTED = new AttemptResult(false, null, null, 0, Map.of());

        boolean ok() {
            return started && failure == null;
        }

        String errorText() {
            if (failure == null) {
                return null;
            }
            return failure instanceof StoppedAttempt ? failure.getMessage() : ErrorText.of(failure);
        }
    }

    /** Settles a node after an attempt, or sends it to wait for its retry. Holds the lock. */
    private void afterAttempt(TaskNode node, AttemptResult result) {
        if (result.started()) {
            node.runNanos = result.runNanos();
            node.details = result.details();
            node.errorText = result.errorText();
        }
        if (result.ok()) {
            node.state = TaskState.COMPLETED;
            settle(node);
            return;
        }
        if (!result.started()) {
            node.reason = PendingReason.RUN_INTERRUPTED;
            settle(node);
            return;
        }
        if (retryIfDue(node, result)) {
            return;
        }
        node.state = TaskState.FAILED;
        settle(node);
    }

    /**
     * Records why the node's attempt failed and, when its retry policy wants another attempt,
     * queues it and returns true. Holds the lock.
     */
    private boolean retryIfDue(TaskNode node, AttemptResult result) {
        node.failure = result.reason();
        if (result.reason() != FailureReason.INTERRUPTED && result.reason() != FailureReason.REQUIREMENT_FAILED) {
            RetryPolicy retry = policy.retryPolicyOf(node.task);
            int retriesDone = node.attempts - 1;
            if (retriesDone < retry.retries()) {
                if (retry.isFinal(result.failure())) {
                    LOG.info("{} is not retried: {} is a failure it declares final", node.id, result.failure().getClass().getName());
                } else if (cancelled) {
                    // A retry was due; the cancellation, not the task, decided this is its last attempt.
                    node.failure = FailureReason.INTERRUPTED;
                } else {
                    retryLater(node, retry.delayBefore(retriesDone + 1));
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * What one attempt of a fused chain came to.
     *
     * @param ran how many of the chain's tasks, from the first, the attempt covered: fewer than the
     *     chain when one of them was settled by another driver before the attempt could take its lease
     * @param results what the attempt came to for each task it covered, in order
     */
    private record ChainResult(int ran, List<AttemptResult> results) {
    }

    /**
     * Takes the leases of the chain's tasks from {@code from} on, in order, and runs the chain as one
     * attempt while holding them all, so each is released only after its task committed. Null when
     * the first task was settled by another driver (see {@link LeaseGate#guard}).
     */
    private ChainResult guardChain(TaskNode[] chain, int from) {
        if (from == chain.length) {
            return new ChainResult(chain.length, runChain(chain));
        }
        ChainResult inner = leases.guard(chain[from], n -> guardChain(chain, from + 1));
        if (inner != null || from == 0) {
            return inner;
        }
        // chain[from] was settled meanwhile (another driver, or a cancellation while waiting for its
        // lease): the tasks before it, whose leases are held, still run.
        return new ChainResult(from, from == 1 ? List.of(runAttempt(chain[0])) : runChain(Arrays.copyOf(chain, from)));
    }

    /** Runs one attempt of a fused chain on this thread, stopped as one at its timeout or when the run is cancelled. */
    private List<AttemptResult> runChain(TaskNode[] chain) {
        return supervised(chain[0], running -> chainAttempt(chain, running),
                Collections.nCopies(chain.length, AttemptResult.NOT_STARTED),
                t -> Collections.nCopies(chain.length, new AttemptResult(true, t, FailureReason.ERROR, 0, Map.of())));
    }

    /**
     * One attempt of a fused chain: every task starts, its executor runs them as one unit, and
     * only when that succeeded are the tasks' outputs committed, each task atomically, in order.
     * A failure fails every task whose outputs were not committed.
     */
    private List<AttemptResult> chainAttempt(TaskNode[] chain, RunningAttempt running) {
        int n = chain.length;
        List<ExecutionContext> contexts = new ArrayList<>(n);
        List<Task> tasks = new ArrayList<>(n);
        for (TaskNode member : chain) {
            member.attempts++;
            contexts.add(new ExecutionContext(member.id, member.attempts, config, resources, required -> {
                throw new RequirementFailedException(member.id.display() + " runs fused with other tasks, so it cannot require tasks while it runs");
            }));
            tasks.add(member.task);
            events.fire(Event.START, member);
        }
        String names = String.join(" -> ", Arrays.stream(chain).map(member -> member.id.display()).toList());
        long start = System.nanoTime();
        Optional<Duration> timeout = Optional.empty();
        List<OutputTransaction> transactions = new ArrayList<>(n);
        int committed = 0;
        Throwable failure = null;
        FailureReason reason = null;
        try {
            timeout = chainTimeout(chain);
            timeout.ifPresent(t -> armTimeout(running, t));
            List<List<Target>> declared = new ArrayList<>(n);
            for (TaskNode member : chain) {
                List<Target> targets = Shapes.targets(member.task.output());
                declared.add(targets);
                transactions.add(OutputTransaction.begin(targets.stream().map(Target::location).toList()));
            }
            ((FusingExecutor) executorFor(chain[0])).executeChain(tasks, contexts);
            for (int i = 0; i < n; i++) {
                checkOutputsExist(declared.get(i), transactions.get(i));
            }
            if (!running.finish()) {
                throw stopped(running.stoppedFor(), timeout, null);
            }
            for (; committed < n; committed++) {
                transactions.get(committed).commit();
            }
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            running.finish();
            FailureReason stopped = running.stoppedFor();
            failure = stopped == null || e instanceof StoppedAttempt ? e : stopped(stopped, timeout, e);
            reason = stopped != null ? stopped : FailureReason.ERROR;
            if (reason == FailureReason.ERROR) {
                failures.failed(names + " failed as one fused chain (attempt " + chain[0].attempts + ")", failure);
            } else {
                LOG.error("{} failed as one fused chain (attempt {}): {}", names, chain[0].attempts,
                        failure instanceof StoppedAttempt ? failure.getMessage() : ErrorText.of(failure));
                LOG.debug("{}: what the attempt threw when stopped", names, e);
            }
        } finally {
            for (int i = transactions.size() - 1; i >= 0; i--) {
                transactions.get(i).close();
            }
        }
        long took = System.nanoTime() - start;
        if (failure == null && took >= SLOW_TASK_NANOS) {
            LOG.info("{} done in {} s, as one fused chain", names, String.format("%.1f", took / 1e9));
        }
        boolean report = failure != null && running.claimReport();
        List<AttemptResult> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            TaskNode member = chain[i];
            Map<String, String> details = contexts.get(i).details();
            if (i < committed) {
                events.attemptEnded(Event.SUCCESS, member, took, null, () -> details);
                events.processingTime(member, took);
                results.add(new AttemptResult(true, null, null, took, details));
            } else {
                AttemptResult result = new AttemptResult(true, failure, reason, took, details);
                if (report) {
                    reportFailure(member, result);
                }
                results.add(result);
            }
        }
        return results;
    }

    /** A chain's timeout: the sum of its tasks' own, as they would run one after another; none when one has none. */
    private Optional<Duration> chainTimeout(TaskNode[] chain) {
        Duration total = Duration.ZERO;
        for (TaskNode member : chain) {
            Optional<Duration> own = policy.timeoutOf(member.task);
            if (own.isEmpty()) {
                return Optional.empty();
            }
            total = total.plus(own.get());
        }
        return Optional.of(total);
    }

    /**
     * Settles the tasks of a chain after its attempt, or sends it to run again: when the whole
     * attempt failed and its first task's retry policy wants another attempt, the chain dissolves
     * and its tasks run again one by one (so a failing task is told apart from the ones before
     * it); otherwise every task whose outputs were not committed fails. Holds the lock.
     */
    private void afterChain(TaskNode[] chain, ChainResult result) {
        TaskNode head = chain[0];
        if (result == null) {
            settle(head); // settled by another driver; its chain dissolves
            return;
        }
        head.chain = null;
        for (int i = result.ran(); i < chain.length; i++) {
            chain[i].carried = false;
            if (i == result.ran()) {
                // Another driver settled it while this one held the task before it: it is looked at
                // again, through its lease, when its turn comes.
                chain[i].state = TaskState.PENDING;
                chain[i].reason = null;
                chain[i].errorText = null;
            }
        }
        List<AttemptResult> results = result.results();
        if (result.ran() == 1) {
            afterAttempt(head, results.get(0));
            return;
        }
        if (!results.get(0).started()) {
            dissolve(chain);
            afterAttempt(head, results.get(0));
            return;
        }
        int failed = -1;
        for (int i = 0; i < result.ran(); i++) {
            TaskNode member = chain[i];
            AttemptResult r = results.get(i);
            member.runNanos = r.runNanos();
            member.details = r.details();
            member.errorText = r.errorText();
            if (failed < 0 && !r.ok()) {
                failed = i;
            }
        }
        for (int i = 0; i < result.ran(); i++) {
            TaskNode member = chain[i];
            AttemptResult r = results.get(i);
            if (i == failed && i > 0) {
                // Its outputs could not be committed after the ones before it were: it and the
                // rest go their own way from here.
                dissolve(Arrays.copyOfRange(chain, i, result.ran()));
                member.carried = false;
                afterAttempt(member, r);
                return;
            }
            if (i == failed && retryIfDue(member, r)) {
                LOG.info("{} and the tasks fused with it run again one by one", member.id);
                dissolve(Arrays.copyOf(chain, result.ran()));
                return;
            }
            if (r.ok()) {
                member.state = TaskState.COMPLETED;
            } else {
                member.state = TaskState.FAILED;
                member.failure = head.failure;
            }
            settle(member);
            member.carried = false;
        }
    }

    /** The tasks of a chain go their own way from now on: the first carries the others no more. Holds the lock. */
    private static void dissolve(TaskNode[] chain) {
        chain[0].chain = null;
        for (int i = 1; i < chain.length; i++) {
            chain[i].carried = false;
        }
    }

    /** Queues a failed node's next attempt now, or after the delay on the timer, not holding a worker. Holds the lock. */
    private void retryLater(TaskNode node, Duration delay) {
        if (delay.isZero()) {
            ready.addFirst(node);
            return;
        }
        LOG.info("{} runs again in {} s (attempt {})", node.id, delay.toMillis() / 1000.0, node.attempts + 1);
        waitingRetry.put(node, timer.schedule(() -> wake(node), delay.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** A retry's wait is over: the node is ready again, unless the run was cancelled meanwhile. */
    private synchronized void wake(TaskNode node) {
        if (waitingRetry.remove(node) == null) {
            return; // settled by a cancellation
        }
        ready.addFirst(node);
        dispatch();
    }

    /**
     * Gives up on an attempt that did not stop in time: its task fails for the reason, its
     * dependents are released, and a new worker loop takes the place of the one it holds. The
     * attempt can no longer commit (it was stopped first). Holds the lock.
     */
    private void abandon(RunningAttempt attempt, FailureReason why, String message) {
        if (!runningAttempts.remove(attempt)) {
            return;
        }
        TaskNode node = attempt.node;
        LOG.error("{}: {}; its outputs will not be published", node.id, message);
        node.abandoned = true;
        running.decrementAndGet();
        ready.free(node);
        if (!node.suspended) {
            loops--;
        }
        TaskNode[] members = node.chain == null ? new TaskNode[] {node} : node.chain;
        node.chain = null;
        boolean report = attempt.claimReport();
        for (TaskNode member : members) {
            member.failure = why;
            member.errorText = message;
            member.state = TaskState.FAILED;
            settle(member);
            member.carried = false;
            if (report) {
                // Under the lock, unlike other events: a rare case, and the attempt's own thread is stuck.
                reportFailure(member, new AttemptResult(true, new StoppedAttempt(message, null), why,
                        System.nanoTime() - attempt.startNanos, Map.of()));
            }
        }
        dispatch();
        notifyAll(); // a suspended attempt waiting to resume sees it was given up on
    }

    /** Runs one attempt of the node on this thread, stopped at its timeout or when the run is cancelled. */
    private AttemptResult runAttempt(TaskNode node) {
        return supervised(node, running -> attempt(node, node.attempts + 1, running), AttemptResult.NOT_STARTED,
                t -> new AttemptResult(true, t, FailureReason.ERROR, 0, Map.of()));
    }

    /**
     * Runs an attempt's body on this thread as a {@link RunningAttempt} of the node (for a fused
     * chain, its first task), which its timeout and the run's cancellation stop.
     */
    private <R> R supervised(TaskNode node, Function<RunningAttempt, R> body, R notStarted,
            Function<Throwable, R> unexpected) {
        RunningAttempt attempt = new RunningAttempt(node, Thread.currentThread());
        synchronized (this) {
            if (cancelled) {
                return notStarted;
            }
            runningAttempts.add(attempt);
        }
        running.incrementAndGet();
        try {
            return body.apply(attempt);
        } catch (Throwable t) {
            LOG.error("unexpected error running {}", node.id, t);
            return unexpected.apply(t);
        } finally {
            attempt.disarm();
            boolean stillCounted;
            synchronized (this) {
                stillCounted = runningAttempts.remove(attempt);
            }
            if (stillCounted) {
                running.decrementAndGet();
            }
            // A stop that came as the attempt ended must not interrupt whatever this thread does next.
            Thread.interrupted();
        }
    }

    private AttemptResult attempt(TaskNode node, int attempt, RunningAttempt running) {
        node.attempts = attempt;
        ExecutionContext context = new ExecutionContext(node.id, attempt, config, resources,
                tasks -> requireLate(node, running, tasks));
        events.fire(Event.START, node);
        if (LOG.isDebugEnabled()) {
            LOG.debug("running {} (attempt {})", node.id, attempt);
        }
        long start = System.nanoTime();
        Optional<Duration> timeout = Optional.empty();
        try {
            timeout = policy.timeoutOf(node.task);
            timeout.ifPresent(t -> armTimeout(running, t));
            List<Target> declared = Shapes.targets(node.task.output());
            List<String> locations = new ArrayList<>(declared.size());
            for (Target target : declared) {
                locations.add(target.location());
            }
            try (OutputTransaction tx = OutputTransaction.begin(locations)) {
                executorFor(node).execute(node.task, context);
                checkOutputsExist(declared, tx);
                if (!running.finish()) {
                    throw stopped(running.stoppedFor(), timeout, null);
                }
                tx.commit();
            }
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            // Whatever the attempt threw, a stop decided its end: the interruption shows as whatever the
            // task's code made of it (InterruptedException, a closed channel, ...), not as the reason.
            running.finish();
            FailureReason stopped = running.stoppedFor();
            Throwable failure = stopped == null || e instanceof StoppedAttempt ? e : stopped(stopped, timeout, e);
            FailureReason reason = stopped != null ? stopped
                    : e instanceof RequirementFailedException ? FailureReason.REQUIREMENT_FAILED : FailureReason.ERROR;
            AttemptResult result = new AttemptResult(true, failure, reason, System.nanoTime() - start, context.details());
            if (reason == FailureReason.ERROR) {
                failures.failed(node.id + " failed (attempt " + attempt + ")", failure);
            } else {
                LOG.error("{} failed (attempt {}): {}", node.id, attempt, result.errorText());
                LOG.debug("{}: what the attempt threw when stopped", node.id, e);
            }
            if (running.claimReport()) {
                reportFailure(node, result);
            }
            return result;
        }
        long took = System.nanoTime() - start;
        if (took >= SLOW_TASK_NANOS) {
            LOG.info("{} done in {} s", node.id, String.format("%.1f", took / 1e9));
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("{} done in {} ms", node.id, took / 1_000_000);
        }
        Map<String, String> details = context.details();
        events.attemptEnded(Event.SUCCESS, node, took, null, () -> details);
        events.processingTime(node, took);
        return new AttemptResult(true, null, null, took, details);
    }

    /** The events of a failed attempt: TIMEOUT first when it timed out, then FAILURE. */
    private void reportFailure(TaskNode node, AttemptResult result) {
        if (result.reason() == FailureReason.TIMED_OUT) {
            events.fire(Event.TIMEOUT, node, null, null, result.failure());
        }
        events.attemptEnded(Event.FAILURE, node, result.runNanos(), result.failure(), result::details);
    }

    /** Stops the attempt at its timeout; abandons it when it has not ended an interrupt grace later. */
    private void armTimeout(RunningAttempt attempt, Duration timeout) {
        attempt.arm(timer.schedule(() -> {
            if (!attempt.stop(FailureReason.TIMED_OUT)) {
                return;
            }
            LOG.warn("{} timed out after {} s: interrupting it", attempt.node.id, timeout.toMillis() / 1000.0);
            timer.schedule(() -> {
                synchronized (this) {
                    abandon(attempt, FailureReason.TIMED_OUT, "timed out after " + timeout.toMillis() / 1000.0
                            + " s, and it did not stop within the grace of " + policy.interruptGrace().toMillis() / 1000.0 + " s");
                }
            }, policy.interruptGrace().toNanos(), TimeUnit.NANOSECONDS);
        }, timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** The failure a stopped attempt reports, with what the task threw as its cause. */
    private StoppedAttempt stopped(FailureReason why, Optional<Duration> timeout, Throwable thrown) {
        String message = why == FailureReason.TIMED_OUT
                ? "timed out after " + timeout.map(t -> t.toMillis() / 1000.0 + " s").orElse("its timeout")
                : "interrupted (" + cancellation.reason().orElse("run cancelled") + ")";
        return new StoppedAttempt(message, thrown);
    }

    /** An attempt's failure when the driver stopped it: a timeout or a cancelled run. */
    static final class StoppedAttempt extends CancellationException {
        StoppedAttempt(String message, Throwable cause) {
            super(message);
            if (cause != null) {
                initCause(cause);
            }
        }
    }

    /** What the attempts of one task wait for: how many of the tasks it required while running are still to settle. */
    private static final class LateWait {
        int remaining;
    }

    /**
     * Runs the tasks an attempt requires while it runs (see {@link ExecutionContext#require}) and
     * returns when all have settled; on the attempt's thread. They are found and checked like the
     * graph was, join it, and run on the workers; meanwhile the attempt gives its worker (and its
     * resources) back, so waiting attempts never starve the run of workers, and takes one again
     * before it goes on.
     */
    private void requireLate(TaskNode node, RunningAttempt attempt, List<Task> tasks) throws InterruptedException {
        if (tasks.isEmpty()) {
            return;
        }
        List<TaskNode> wanted = new ArrayList<>(tasks.size());
        List<TaskNode> found = discovery.discoverMore(tasks, wanted);
        synchronized (this) {
            join(found);
            if (attempt.stoppedFor() != null || Thread.interrupted()) {
                throw new InterruptedException("stopped while finding the tasks it requires");
            }
            String cycle = cycleThrough(node, wanted);
            if (cycle != null) {
                throw new RequirementFailedException(cycle);
            }
            LateWait wait = new LateWait();
            Set<TaskNode> waitingOn = new HashSet<>();
            for (TaskNode w : wanted) {
                if (w.unsettled() && waitingOn.add(w)) {
                    wait.remaining++;
                    lateWaits.computeIfAbsent(w, k -> new ArrayList<>(1)).add(wait);
                }
            }
            if (wait.remaining > 0) {
                LOG.info("{} waits for {} task(s) it requires", node.id, wait.remaining);
                node.waitingOn = waitingOn.toArray(TaskNode.NONE);
                suspend(node);
                try {
                    while (wait.remaining > 0) {
                        wait();
                    }
                } finally {
                    node.waitingOn = null;
                    resume(node);
                }
            }
            List<String> unmet = new ArrayList<>();
            for (TaskNode w : wanted) {
                if (w.state != TaskState.COMPLETED && w.state != TaskState.ALREADY_DONE) {
                    unmet.add(unmet(w));
                }
            }
            if (!unmet.isEmpty()) {
                throw new RequirementFailedException("a task it requires did not complete: " + String.join("; ", unmet));
            }
        }
    }

    /** Adds the nodes a walk found to the graph: each settled, or to settle once its requirements have. Holds the lock. */
    private void join(List<TaskNode> found) {
        if (found.isEmpty()) {
            return;
        }
        int first = nodes.size();
        for (TaskNode n : found) {
            n.slot = nodes.size();
            nodes.add(n);
        }
        List<TaskNode> added = nodes.subList(first, nodes.size());
        for (String cycle : CycleFinder.markCycles(added, first)) {
            LOG.error("{}", cycle);
        }
        List<TaskNode> pending = new ArrayList<>();
        for (TaskNode n : added) {
            if (n.state == TaskState.PENDING) {
                pending.add(n);
            } else {
                settled.incrementAndGet();
            }
        }
        toSettle += pending.size();
        for (TaskNode n : pending) {
            for (TaskNode requirement : n.knownRequirements()) {
                if (requirement.unsettled()) {
                    n.remaining++;
                    lateDependents.computeIfAbsent(requirement, k -> new ArrayList<>(1)).add(n);
                } else {
                    n.blockedBy = PendingReason.stronger(n.blockedBy, PendingReason.from(requirement.state, requirement.reason));
                }
            }
        }
        // Only once every edge is known: a node left pending at once tells its dependents.
        for (TaskNode n : pending) {
            if (n.remaining == 0) {
                release(n);
            }
        }
        dispatch();
    }

    /**
     * Why waiting for these tasks would never end: one of them needs, directly or through others
     * still to run or waiting, the task that asks for them; null when none does. Holds the lock.
     */
    private static String cycleThrough(TaskNode asker, List<TaskNode> wanted) {
        ArrayDeque<TaskNode> work = new ArrayDeque<>();
        Set<TaskNode> seen = new HashSet<>();
        for (TaskNode w : wanted) {
            if (w == asker) {
                return asker.id.display() + " requires itself while it runs";
            }
            if (w.unsettled() && seen.add(w)) {
                work.add(w);
            }
        }
        for (TaskNode n = work.poll(); n != null; n = work.poll()) {
            for (TaskNode[] next : new TaskNode[][] {n.knownRequirements(), n.waitingOn == null ? TaskNode.NONE : n.waitingOn}) {
                for (TaskNode r : next) {
                    if (r == asker) {
                        return asker.id.display() + " requires at run time tasks that need " + asker.id.display()
                                + " (through " + n.id.display() + "): a dependency cycle";
                    }
                    if (r.unsettled() && seen.add(r)) {
                        work.add(r);
                    }
                }
            }
        }
        return null;
    }

    /** Why a required task did not complete, for the message of the task that required it. */
    private static String unmet(TaskNode w) {
        String id = w.id.display();
        return switch (w.state) {
            case FAILED -> id + " failed" + (w.errorText == null ? "" : " (" + w.errorText + ")");
            case MISSING_EXTERNAL -> id + " is missing (an external task whose output is not there)";
            case SCHEDULING_FAILED -> id + " could not be scheduled" + (w.errorText == null ? "" : " (" + w.errorText + ")");
            case PENDING -> id + " was left pending: it " + (w.reason == null ? "did not run" : w.reason.words());
            case RUN_BY_OTHER_WORKER -> id + " is being run by another driver";
            default -> id + " is " + w.state;
        };
    }

    /** The waiting attempt gives back its worker and resources. Holds the lock. */
    private void suspend(TaskNode node) {
        ready.free(node);
        node.suspended = true;
        loops--;
        dispatch();
    }

    /**
     * The waiting attempt takes a worker and its resources again (waiting for them without giving
     * way to an interruption, which it keeps for the attempt to see), unless it was given up on. Holds the lock.
     */
    private void resume(TaskNode node) {
        resuming++;
        boolean interrupted = false;
        try {
            while (!node.abandoned && (loops >= workerCount || !ready.fits(node))) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            resuming--;
        }
        node.suspended = false;
        if (!node.abandoned) {
            loops++;
            ready.take(node);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
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
