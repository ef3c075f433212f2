package io.cascata.core.run;

import io.cascata.core.Shapes;
import io.cascata.core.Task;
import io.cascata.core.TaskId;
import io.cascata.core.targets.ListingCache;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks the graph from the roots, checking each task's completeness once (in parallel on a
 * pool) and expanding only incomplete tasks, as Luigi does: a complete task's requirements are
 * never looked at.
 */
final class GraphDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(GraphDiscovery.class);

    private static final int BATCH = 64;

    private final Map<TaskId, TaskNode> nodes = new ConcurrentHashMap<>();
    private final AtomicInteger order = new AtomicInteger();
    private final Object wrapperMonitor = new Object();
    private final FailureLog failures = new FailureLog(LOG);
    private final ExecutorService pool;
    private final EventDispatcher events;
    private final ResourceLimits limits;

    GraphDiscovery(ExecutorService pool, EventDispatcher events, ResourceLimits limits) {
        this.pool = pool;
        this.events = events;
        this.limits = limits;
    }

    /** Every task reached from the roots and checked, in the order found. */
    List<TaskNode> discover(List<? extends Task> roots) throws InterruptedException {
        walk(roots, new Walk(null));
        // Orders run from 1 up (a node that lost a race to be created leaves a gap): placing each
        // node at its order sorts them in one pass.
        TaskNode[] byOrder = new TaskNode[order.get()];
        for (TaskNode node : nodes.values()) {
            byOrder[node.order - 1] = node;
        }
        List<TaskNode> visited = new ArrayList<>(byOrder.length);
        for (TaskNode node : byOrder) {
            if (node != null && node.state != null) {
                visited.add(node);
            }
        }
        return visited;
    }

    /**
     * The tasks reached from the given ones that no walk has reached before, checked as
     * {@link #discover} does; the given tasks' nodes, old or new, are in {@code wanted}. One walk
     * at a time, so that every requirement of a node returned was either returned too or reached
     * by an earlier walk. Directory listings are fresh: the run has written since the first walk.
     */
    synchronized List<TaskNode> discoverMore(List<? extends Task> tasks, List<TaskNode> wanted) {
        Walk walk = new Walk(new java.util.concurrent.ConcurrentLinkedQueue<>());
        // Not given up on when interrupted: the nodes a walk claims must all reach the scheduler,
        // or a later walk would find them claimed and never scheduled. The interrupt is kept.
        boolean interrupted = Thread.interrupted();
        while (true) {
            try {
                wanted.addAll(walk(tasks, walk));
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                tasks = List.of(); // the roots were submitted; wait for the rest of the walk
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        List<TaskNode> found = new ArrayList<>(walk.visited);
        found.sort(java.util.Comparator.comparingInt(n -> n.order));
        return found;
    }

    private List<TaskNode> walk(List<? extends Task> roots, Walk walk) throws InterruptedException {
        List<TaskNode> rootNodes = new ArrayList<>();
        for (Task root : roots) {
            rootNodes.add(nodeFor(root));
        }
        // The walk holds one count of its own until everything is submitted, so it cannot end early.
        walk.outstanding.incrementAndGet();
        schedule(rootNodes.toArray(TaskNode.NONE), walk);
        walk.done();
        synchronized (walk) {
            while (walk.outstanding.get() > 0) {
                walk.wait();
            }
        }
        if (walk.failure != null) {
            throw new IllegalStateException("graph discovery failed", walk.failure);
        }
        return rootNodes;
    }

    /** One walk of the graph from some roots: its pending visits, listing cache and, when asked, the nodes it visited. */
    private static final class Walk {
        final AtomicInteger outstanding = new AtomicInteger();
        final ListingCache listings = new ListingCache();
        final java.util.Queue<TaskNode> visited;
        volatile Throwable failure;

        Walk(java.util.Queue<TaskNode> visited) {
            this.visited = visited;
        }

        void done() {
            if (outstanding.decrementAndGet() == 0) {
                synchronized (this) {
                    notifyAll();
                }
            }
        }
    }

    private TaskNode nodeFor(Task task) {
        TaskId id = task.id();
        TaskNode node = nodes.get(id);
        if (node == null) {
            TaskNode fresh = new TaskNode(task, id, order.incrementAndGet());
            node = nodes.putIfAbsent(id, fresh);
            if (node == null) {
                node = fresh;
            }
        }
        return node;
    }

    /** Visits the nodes not yet scheduled, a batch per pool task to keep hand-offs few on big graphs. */
    private void schedule(TaskNode[] candidates, Walk walk) {
        List<TaskNode> batch = new ArrayList<>(Math.min(candidates.length, BATCH));
        for (TaskNode node : candidates) {
            if (node.claimVisit()) {
                batch.add(node);
                if (batch.size() == BATCH) {
                    submit(batch, walk);
                    batch = new ArrayList<>(BATCH);
                }
            }
        }
        if (!batch.isEmpty()) {
            submit(batch, walk);
        }
    }

    private void submit(List<TaskNode> batch, Walk walk) {
        walk.outstanding.incrementAndGet();
        pool.execute(() -> {
            try (ListingCache.Scope scope = ListingCache.use(walk.listings)) {
                for (TaskNode node : batch) {
                    visit(node, walk);
                }
            } catch (Throwable t) {
                walk.failure = t;
            } finally {
                walk.done();
            }
        });
    }

    private void visit(TaskNode node, Walk walk) {
        if (walk.visited != null) {
            walk.visited.add(node);
        }
        try {
            if (isComplete(node)) {
                node.state = TaskState.ALREADY_DONE;
                events.fire(Event.DEPENDENCY_PRESENT, node);
                return;
            }
            events.fire(Event.DEPENDENCY_MISSING, node);
            if (node.external) {
                node.state = TaskState.MISSING_EXTERNAL;
                LOG.warn("{} is missing: {}", node.id, io.cascata.core.Shapes.targets(node.task.output()).stream()
                        .map(io.cascata.core.targets.Target::location).toList());
                return;
            }
            TaskNode[] requirements = node.requirements(this::resolve);
            node.priority = node.task.priority();
            Map<String, Integer> resources = node.task.resources();
            if (resources != null && !resources.isEmpty()) {
                String refusal = limits.refusal(resources);
                if (refusal != null) {
                    node.errorText = refusal;
                    node.state = TaskState.SCHEDULING_FAILED;
                    LOG.error("failed scheduling {}: {}", node.id, refusal);
                    events.fire(Event.BROKEN_TASK, node, null, null, new IllegalArgumentException(node.id.display() + " " + refusal));
                    return;
                }
                Map<String, Integer> held = new java.util.HashMap<>(resources);
                held.values().removeIf(amount -> amount == null || amount == 0);
                node.resources = Map.copyOf(held);
            }
            node.state = TaskState.PENDING;
            if (events.active(Event.DEPENDENCY_DISCOVERED, node)) {
                for (TaskNode requirement : requirements) {
                    events.fire(Event.DEPENDENCY_DISCOVERED, node, requirement.task, null, null);
                }
            }
            schedule(requirements, walk);
        } catch (Exception | LinkageError | StackOverflowError e) {
            node.errorText = ErrorText.of(e);
            node.state = TaskState.SCHEDULING_FAILED;
            failures.failed("failed scheduling " + node.id, e);
            events.fire(Event.BROKEN_TASK, node, null, null, e);
        }
    }

    private boolean isComplete(TaskNode node) throws Exception {
        if (!node.wrapper) {
            return node.completeness(n -> n.task.complete());
        }
        // Wrapper checks look at other nodes; one at a time keeps lock order monitor-then-node.
        synchronized (wrapperMonitor) {
            return wrapperComplete(node);
        }
    }

    /**
     * A wrapper is complete when everything it requires is: plain requirements by their own
     * (cached) check, wrapper requirements in the same way, walked with an explicit stack so that
     * deep nests of wrappers do not overflow the thread's stack. A requirement whose check fails,
     * or that requires itself, counts as incomplete here; its own visit reports why.
     */
    private boolean wrapperComplete(TaskNode root) throws Exception {
        Boolean known = root.decided();
        if (known != null) {
            return known;
        }
        Deque<WrapperFrame> stack = new ArrayDeque<>();
        Set<TaskNode> onStack = new HashSet<>();
        stack.push(new WrapperFrame(root, root.requirements(this::resolve)));
        onStack.add(root);
        Boolean finished = null; // the result of the frame just popped, for its parent
        while (true) {
            WrapperFrame frame = stack.peek();
            boolean incomplete = Boolean.FALSE.equals(finished);
            finished = null;
            while (!incomplete && frame.next < frame.requirements.length) {
                TaskNode requirement = frame.requirements[frame.next++];
                if (!requirement.wrapper) {
                    incomplete = !plainComplete(requirement);
                    continue;
                }
                Boolean decided;
                try {
                    decided = requirement.decided();
                } catch (Exception failed) {
                    decided = false;
                }
                if (decided != null) {
                    incomplete = !decided;
                } else if (onStack.contains(requirement)) {
                    incomplete = true; // a cycle: the scheduler names it
                } else {
                    TaskNode[] nested;
                    try {
                        nested = requirement.requirements(this::resolve);
                    } catch (RuntimeException | LinkageError failed) {
                        requirement.failCheck(failed instanceof Exception ex ? ex : new IllegalStateException(failed));
                        incomplete = true;
                        continue;
                    }
                    frame = new WrapperFrame(requirement, nested);
                    stack.push(frame);
                    onStack.add(requirement);
                }
            }
            stack.pop();
            onStack.remove(frame.node);
            frame.node.decide(!incomplete);
            if (stack.isEmpty()) {
                return !incomplete;
            }
            finished = !incomplete;
        }
    }

    private static boolean plainComplete(TaskNode node) {
        try {
            return node.completeness(n -> n.task.complete());
        } catch (Exception e) {
            return false; // the node's own visit reports the failure
        }
    }

    private TaskNode[] resolve(TaskNode node) {
        List<Task> tasks = Shapes.tasks(node.task.requires());
        if (tasks.isEmpty()) {
            return TaskNode.NONE;
        }
        TaskNode[] resolved = new TaskNode[tasks.size()];
        int n = 0;
        // Most tasks require a few others: a linear scan for duplicates beats a map until the list is long.
        Set<TaskId> seen = tasks.size() > 16 ? new HashSet<>() : null;
        for (Task task : tasks) {
            TaskNode requirement = nodeFor(task);
            boolean duplicate;
            if (seen != null) {
                duplicate = !seen.add(requirement.id);
            } else {
                duplicate = false;
                for (int i = 0; i < n && !duplicate; i++) {
                    duplicate = resolved[i] == requirement;
                }
            }
            if (!duplicate) {
                resolved[n++] = requirement;
            }
        }
        return n == resolved.length ? resolved : Arrays.copyOf(resolved, n);
    }

    /** A wrapper whose requirements are being judged, and how far. */
    private static final class WrapperFrame {
        final TaskNode node;
        final TaskNode[] requirements;
        int next;

        WrapperFrame(TaskNode node, TaskNode[] requirements) {
            this.node = node;
            this.requirements = requirements;
        }
    }
}
