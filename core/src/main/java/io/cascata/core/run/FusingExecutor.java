package io.cascata.core.run;

import io.cascata.core.Task;
import io.cascata.core.config.CascataConfig;
import java.util.List;

/**
 * An executor that can run a chain of tasks as one unit of work, such as consecutive heavy Beam
 * stages as one Flink job, where each task of the chain is the only consumer of the one before.
 * The driver plans the chains before it schedules (see {@link FusedChains}): it asks
 * {@link #fuses} about each candidate pair, hands a whole chain to {@link #executeChain} once its
 * first task is ready, and commits every task's outputs, in order, only when the chain succeeded.
 * A chain that fails fails all its tasks; none of them is complete.
 */
public interface FusingExecutor extends TaskExecutor {

    /**
     * Whether {@code downstream} may run in one unit with {@code upstream}, which it requires and
     * which nothing else in the run requires. Called before anything runs, so the answer must not
     * depend on the upstream task's outputs; tasks that require others while they run must never
     * be fused.
     */
    boolean fuses(Task upstream, Task downstream, CascataConfig config);

    /**
     * Runs one attempt of the chain, first task first, each with its own context (for its
     * details); throwing fails every task of the chain. Each task's outputs are staged under its
     * own transaction, as for {@link #execute}, and published by the driver afterwards.
     */
    void executeChain(List<Task> chain, List<ExecutionContext> contexts) throws Exception;
}
