package io.cascata.core.run;

import io.cascata.core.ExternalTask;
import io.cascata.core.Task;
import io.cascata.core.TaskId;
import io.cascata.core.WrapperTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The driver's mutable record of one task during a run. Completeness and requirements are each
 * computed at most once; state fields are guarded by the scheduler's lock once execution starts.
 */
final class TaskNode {

    final Task task;
    final TaskId id;
    final int order;
    final boolean external;
    final boolean defaultWrapper;
    final boolean outputsDecideCompleteness;
    final AtomicBoolean visitScheduled = new AtomicBoolean();

    private boolean checked;
    private boolean checking;
    private boolean complete;
    private Exception checkFailure;
    private List<TaskNode> requirements;

    final List<TaskNode> dependents = new ArrayList<>(2);
    TaskState state;
    PendingReason reason;
    PendingReason blockedBy;
    int remaining;
    boolean inFlight;
    int attempts;
    Duration runTime = Duration.ZERO;
    Throwable error;
    String errorText;
    Map<String, String> details = Map.of();

    TaskNode(Task task, TaskId id, int order) {
        this.task = task;
        this.id = id;
        this.order = order;
        this.external = task instanceof ExternalTask;
        Class<?> declaring = COMPLETE_DECLARED_BY.get(task.getClass());
        this.defaultWrapper = task instanceof WrapperTask && declaring == WrapperTask.class;
        this.outputsDecideCompleteness = declaring == Task.class;
    }

    /** Which type declares the complete() a task class uses: Task's default means "outputs exist". */
    private static final ClassValue<Class<?>> COMPLETE_DECLARED_BY = new ClassValue<>() {
        @Override
        protected Class<?> computeValue(Class<?> type) {
            try {
                return type.getMethod("complete").getDeclaringClass();
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    /** The cached completeness; computes it on first call via the given check. */
    synchronized boolean completeness(CompletenessCheck check) throws Exception {
        if (checked) {
            return complete;
        }
        if (checkFailure != null) {
            throw checkFailure;
        }
        if (checking) {
            throw new DependencyCycleException("a dependency cycle runs through " + id.display());
        }
        checking = true;
        try {
            complete = check.isComplete(this);
            checked = true;
            return complete;
        } catch (Exception e) {
            checkFailure = e;
            throw e;
        } finally {
            checking = false;
        }
    }

    /** The cached requirement nodes; computes them on first call. */
    synchronized List<TaskNode> requirements(RequirementResolver resolver) {
        if (requirements == null) {
            requirements = List.copyOf(resolver.resolve(this));
        }
        return requirements;
    }

    /** The requirements if already resolved, else an empty list. */
    synchronized List<TaskNode> knownRequirements() {
        return requirements == null ? List.of() : requirements;
    }

    /** Computes whether a node is complete. */
    interface CompletenessCheck {
        boolean isComplete(TaskNode node) throws Exception;
    }

    /** Turns a node's requires() into nodes. */
    interface RequirementResolver {
        List<TaskNode> resolve(TaskNode node);
    }
}
