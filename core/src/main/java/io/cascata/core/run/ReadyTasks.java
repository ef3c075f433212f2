package io.cascata.core.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The tasks ready to run, in the order they start. First come, first started while no task has
 * declared a priority or resources (the common case, kept to a plain deque); from the first one
 * that does, highest priority first, ties in the order they became ready, and a task starts only
 * when the resources it asks for fit beside those the running tasks hold (a task that does not fit
 * waits aside while lower ones that fit go first). Guarded by the scheduler's lock.
 */
final class ReadyTasks {

    private static final Comparator<TaskNode> ORDER = (a, b) -> a.priority != b.priority
            ? Integer.compare(b.priority, a.priority) : Long.compare(a.sequence, b.sequence);

    private final ResourceLimits limits;
    private final ArrayDeque<TaskNode> fifo = new ArrayDeque<>();
    private PriorityQueue<TaskNode> ranked; // from the first task with a priority or resources on
    private final List<TaskNode> waitingForResources = new ArrayList<>();
    private final Map<String, Integer> held = new HashMap<>();
    private final java.util.Set<TaskNode> holders = new java.util.HashSet<>();
    private long sequence;
    private long retrySequence;

    ReadyTasks(ResourceLimits limits) {
        this.limits = limits;
    }

    /** A task that became ready. */
    void add(TaskNode node) {
        if (ranked == null && !ranks(node)) {
            fifo.add(node);
            return;
        }
        rank();
        node.sequence = sequence++;
        ranked.add(node);
    }

    /** A task to run again now: before the others of its priority. */
    void addFirst(TaskNode node) {
        if (ranked == null && !ranks(node)) {
            fifo.addFirst(node);
            return;
        }
        rank();
        node.sequence = --retrySequence;
        ranked.add(node);
    }

    /** The next task to start, its resources now held; null when none is ready or none fits. */
    TaskNode poll() {
        if (ranked == null) {
            return fifo.poll();
        }
        for (TaskNode node = ranked.poll(); node != null; node = ranked.poll()) {
            if (fits(node)) {
                take(node);
                return node;
            }
            waitingForResources.add(node);
        }
        return null;
    }

    /** How many could start now, at most. */
    int size() {
        return ranked == null ? fifo.size() : ranked.size();
    }

    /** Whether the node's resources fit beside those held now. */
    boolean fits(TaskNode node) {
        for (Map.Entry<String, Integer> e : node.resources.entrySet()) {
            if (held.getOrDefault(ResourceLimits.key(e.getKey()), 0) + e.getValue() > limits.limitOf(e.getKey())) {
                return false;
            }
        }
        return true;
    }

    /** Holds the node's resources (it starts, or resumes after waiting for what it required). */
    void take(TaskNode node) {
        if (node.resources.isEmpty() || !holders.add(node)) {
            return;
        }
        for (Map.Entry<String, Integer> e : node.resources.entrySet()) {
            held.merge(ResourceLimits.key(e.getKey()), e.getValue(), Integer::sum);
        }
    }

    /** Frees the node's resources (its attempt ended, or waits); the tasks waiting for them may start again. */
    void free(TaskNode node) {
        if (node.resources.isEmpty() || !holders.remove(node)) {
            return;
        }
        for (Map.Entry<String, Integer> e : node.resources.entrySet()) {
            held.merge(ResourceLimits.key(e.getKey()), -e.getValue(), Integer::sum);
        }
        ranked.addAll(waitingForResources);
        waitingForResources.clear();
    }

    /** Removes and returns every ready task (the run is cancelled). */
    List<TaskNode> drain() {
        List<TaskNode> all = new ArrayList<>(fifo);
        fifo.clear();
        if (ranked != null) {
            all.addAll(ranked);
            ranked.clear();
        }
        all.addAll(waitingForResources);
        waitingForResources.clear();
        return all;
    }

    private static boolean ranks(TaskNode node) {
        return node.priority != 0 || !node.resources.isEmpty();
    }

    /** From plain order to ranked order: the tasks already waiting keep their order among themselves. */
    private void rank() {
        if (ranked != null) {
            return;
        }
        ranked = new PriorityQueue<>(Math.max(16, fifo.size()), ORDER);
        for (TaskNode waiting = fifo.poll(); waiting != null; waiting = fifo.poll()) {
            waiting.sequence = sequence++;
            ranked.add(waiting);
        }
    }
}
