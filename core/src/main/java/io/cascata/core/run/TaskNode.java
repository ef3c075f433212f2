package io.cascata.core.run;

import io.cascata.core.ExternalTask;
import io.cascata.core.Task;
import io.cascata.core.TaskId;
import io.cascata.core.WrapperTask;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;

/**
 * The driver's mutable record of one task during a run. Completeness and requirements are each
 * computed at most once; state fields are guarded by the scheduler's lock once execution starts.
 * A run holds one node per task, so a node keeps to plain fields: no collections of its own
 * beyond its requirement array, no boxed times.
 */
final class TaskNode {

    static final TaskNode[] NONE = new TaskNode[0];

    private static final byte UNKNOWN = 0;
    private static final byte COMPLETE = 1;
    private static final byte INCOMPLETE = 2;

    private static final VarHandle VISIT_SCHEDULED;

    static {
        try {
            VISIT_SCHEDULED = MethodHandles.lookup().findVarHandle(TaskNode.class, "visitScheduled", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Task task;
    final TaskId id;
    final int order;
    final boolean external;
    /** Complete when everything it requires is; the driver judges that from the requirements' own checks. */
    final boolean wrapper;

    @SuppressWarnings("unused") // through VISIT_SCHEDULED
    private volatile boolean visitScheduled;

    private byte completeness = UNKNOWN;
    private Exception checkFailure;
    private TaskNode[] requirements;

    /** The node's index in the scheduler's list, set before scheduling starts. */
    int slot;
    TaskState state;
    PendingReason reason;
    PendingReason blockedBy;
    int remaining;
    int attempts;
    long runNanos;
    String errorText;
    Map<String, String> details = Map.of();
    /** Why it failed, when it did. */
    FailureReason failure;
    /** Among ready tasks, higher starts first (the task's priority()). */
    int priority;
    /** What it holds while it runs (the task's resources()), amounts above 0 only. */
    Map<String, Integer> resources = Map.of();
    /** When it became ready, for ties of priority. */
    long sequence;
    /** Settled in this run (completed, failed or left pending); its dependents were told. */
    boolean settledInRun;
    /** Its attempt waits for tasks it required while running, without a worker. */
    boolean suspended;
    /** Its attempt waits for tasks it required while running: those, else null. */
    TaskNode[] waitingOn;
    /** Settled while its attempt still ran (it did not stop in time); the attempt's end changes nothing. */
    boolean abandoned;
    /** On the first task of a fused chain: the chain, itself first; else null. Guarded by the scheduler's lock. */
    TaskNode[] chain;
    /** Runs inside the attempt of its chain's first task, not on its own, while that chain holds. */
    boolean carried;

    TaskNode(Task task, TaskId id, int order) {
        this.task = task;
        this.id = id;
        this.order = order;
        this.external = task instanceof ExternalTask;
        this.wrapper = task instanceof WrapperTask;
    }

    /** Whether it is still to run or running: pending and not yet settled. */
    boolean unsettled() {
        return state == TaskState.PENDING && !settledInRun;
    }

    /** True for the one caller that gets to schedule this node's visit. */
    boolean claimVisit() {
        return VISIT_SCHEDULED.compareAndSet(this, false, true);
    }

    /** The cached completeness; computes it on first call via the given check. */
    synchronized boolean completeness(CompletenessCheck check) throws Exception {
        Boolean known = decided();
        if (known != null) {
            return known;
        }
        try {
            boolean complete = check.isComplete(this);
            decide(complete);
            return complete;
        } catch (Exception e) {
            checkFailure = e;
            throw e;
        }
    }

    /** The completeness if already known (null if not); rethrows a failed check. */
    synchronized Boolean decided() throws Exception {
        if (checkFailure != null) {
            throw checkFailure;
        }
        return completeness == UNKNOWN ? null : completeness == COMPLETE;
    }

    /** Records a completeness judged elsewhere (a wrapper's, from its requirements). */
    synchronized void decide(boolean complete) {
        completeness = complete ? COMPLETE : INCOMPLETE;
    }

    /** Records that judging completeness failed; {@link #decided()} rethrows it from now on. */
    synchronized void failCheck(Exception e) {
        checkFailure = e;
    }

    /** The cached requirement nodes, without duplicates; computes them on first call. */
    synchronized TaskNode[] requirements(RequirementResolver resolver) {
        if (requirements == null) {
            requirements = resolver.resolve(this);
        }
        return requirements;
    }

    /** The requirements if already resolved, else none. */
    synchronized TaskNode[] knownRequirements() {
        return requirements == null ? NONE : requirements;
    }

    /** Computes whether a node is complete. */
    interface CompletenessCheck {
        boolean isComplete(TaskNode node) throws Exception;
    }

    /** Turns a node's requires() into nodes. */
    interface RequirementResolver {
        TaskNode[] resolve(TaskNode node);
    }
}
