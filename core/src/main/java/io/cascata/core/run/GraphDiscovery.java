package io.cascata.core.run;

import io.cascata.core.Shapes;
import io.cascata.core.Task;
import io.cascata.core.TaskId;
import io.cascata.core.targets.ListingCache;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final AtomicInteger outstanding = new AtomicInteger();
    private final Object wrapperMonitor = new Object();
    private final ListingCache listings = new ListingCache();
    private final ExecutorService pool;
    private final EventDispatcher events;
    private Throwable poolFailure;

    GraphDiscovery(ExecutorService pool, EventDispatcher events) {
        this.pool = pool;
        this.events = events;
    }

    /** Every task reached from the roots and checked, in the order found. */
    List<TaskNode> discover(List<? extends Task> roots) throws InterruptedException {
        List<TaskNode> rootNodes = new ArrayList<>();
        for (Task root : roots) {
            rootNodes.add(nodeFor(root));
        }
        schedule(rootNodes);
        synchronized (this) {
            while (outstanding.get() > 0) {
                wait();
            }
        }
        if (poolFailure != null) {
            throw new IllegalStateException("graph discovery failed", poolFailure);
        }
        List<TaskNode> visited = new ArrayList<>();
        for (TaskNode node : nodes.values()) {
            if (node.state != null) {
                visited.add(node);
            }
        }
        visited.sort(Comparator.comparingInt(n -> n.order));
        return visited;
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
    private void schedule(List<TaskNode> candidates) {
        List<TaskNode> batch = new ArrayList<>(Math.min(candidates.size(), BATCH));
        for (TaskNode node : candidates) {
            if (node.visitScheduled.compareAndSet(false, true)) {
                batch.add(node);
                if (batch.size() == BATCH) {
                    submit(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
        }
        if (!batch.isEmpty()) {
            submit(batch);
        }
    }

    private void submit(List<TaskNode> batch) {
        outstanding.incrementAndGet();
        pool.execute(() -> {
            try (ListingCache.Scope scope = ListingCache.use(listings)) {
                for (TaskNode node : batch) {
                    visit(node);
                }
            } catch (Throwable t) {
                poolFailure = t;
            } finally {
                if (outstanding.decrementAndGet() == 0) {
                    synchronized (this) {
                        notifyAll();
                    }
                }
            }
        });
    }

    private void visit(TaskNode node) {
        try {
            if (isComplete(node)) {
                node.state = TaskState.ALREADY_DONE;
                events.fire(Event.DEPENDENCY_PRESENT, node.task);
                return;
            }
            events.fire(Event.DEPENDENCY_MISSING, node.task);
            if (node.external) {
                node.state = TaskState.MISSING_EXTERNAL;
                return;
            }
            List<TaskNode> requirements = node.requirements(this::resolve);
            node.state = TaskState.PENDING;
            for (TaskNode requirement : requirements) {
                events.fire(Event.DEPENDENCY_DISCOVERED, node.task, requirement.task, null, null);
            }
            schedule(requirements);
        } catch (Exception | LinkageError | StackOverflowError e) {
            node.error = e;
            node.errorText = describe(e);
            node.state = TaskState.SCHEDULING_FAILED;
            LOG.error("failed scheduling {}: {}", node.id.display(), node.errorText, e);
            events.fire(Event.BROKEN_TASK, node.task, null, null, e);
        }
    }

    private boolean isComplete(TaskNode node) throws Exception {
        if (node.defaultWrapper) {
            // Wrapper checks look at other nodes; one at a time keeps lock order monitor-then-node.
            synchronized (wrapperMonitor) {
                return node.completeness(this::check);
            }
        }
        return node.completeness(this::check);
    }

    private boolean check(TaskNode node) throws Exception {
        if (!node.defaultWrapper) {
            return node.task.complete();
        }
        for (TaskNode requirement : node.requirements(this::resolve)) {
            try {
                if (!isComplete(requirement)) {
                    return false;
                }
            } catch (Exception e) {
                return false; // the requirement's own visit reports the failure
            }
        }
        return true;
    }

    private List<TaskNode> resolve(TaskNode node) {
        Map<TaskId, TaskNode> unique = new LinkedHashMap<>();
        for (Task task : Shapes.tasks(node.task.requires())) {
            TaskNode requirement = nodeFor(task);
            unique.putIfAbsent(requirement.id, requirement);
        }
        return new ArrayList<>(unique.values());
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
