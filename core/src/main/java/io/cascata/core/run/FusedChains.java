package io.cascata.core.run;

import io.cascata.core.Task;
import io.cascata.core.config.CascataConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's fused chains, planned once before scheduling: tasks that one {@link FusingExecutor}
 * runs as one unit, each the only task of the run that requires the one before, and requiring
 * nothing else still to run. The first task of a chain carries the rest: they run when it
 * runs, and never on their own while the chain holds.
 */
final class FusedChains {

    private static final Logger LOG = LoggerFactory.getLogger(FusedChains.class);

    private FusedChains() {
    }

    /**
     * Marks the chains among the pending nodes: the first node of each gets {@link TaskNode#chain},
     * the others {@link TaskNode#carried}. The dependents of node {@code i} are
     * {@code dependents[firstDependent[i] .. firstDependent[i + 1])}, pending nodes only.
     *
     * @return how many chains were planned
     */
    static int plan(List<TaskNode> nodes, int[] firstDependent, int[] dependents,
            Function<TaskNode, TaskExecutor> executorFor, CascataConfig config) {
        TaskNode[] next = new TaskNode[nodes.size()];
        boolean[] hasPrevious = new boolean[nodes.size()];
        boolean any = false;
        for (TaskNode upstream : nodes) {
            int i = upstream.slot;
            if (upstream.state != TaskState.PENDING || firstDependent[i + 1] - firstDependent[i] != 1) {
                continue;
            }
            TaskNode downstream = nodes.get(dependents[firstDependent[i]]);
            if (downstream.remaining == 1 && fusable(upstream, downstream, executorFor, config)) {
                next[i] = downstream;
                hasPrevious[downstream.slot] = true;
                any = true;
            }
        }
        if (!any) {
            return 0;
        }
        int chains = 0;
        for (TaskNode head : nodes) {
            if (next[head.slot] == null || hasPrevious[head.slot]) {
                continue;
            }
            List<TaskNode> chain = new ArrayList<>();
            for (TaskNode n = head; n != null; n = next[n.slot]) {
                chain.add(n);
                n.carried = n != head;
            }
            head.chain = chain.toArray(TaskNode.NONE);
            chains++;
            LOG.info("fused chain of {} tasks, one unit of work: {}", chain.size(),
                    String.join(" -> ", chain.stream().map(n -> n.id.display()).toList()));
        }
        return chains;
    }

    /**
     * Whether the pair may run as one: both ordinary tasks of the same fusing executor, which
     * agrees, holding the same resources (the chain holds its first task's).
     */
    private static boolean fusable(TaskNode upstream, TaskNode downstream, Function<TaskNode, TaskExecutor> executorFor,
            CascataConfig config) {
        if (upstream.external || upstream.wrapper || downstream.external || downstream.wrapper) {
            return false;
        }
        TaskExecutor executor = executorFor.apply(upstream);
        if (!(executor instanceof FusingExecutor fusing) || executorFor.apply(downstream) != executor) {
            return false;
        }
        Task up = upstream.task;
        Task down = downstream.task;
        try {
            return Objects.equals(up.resources(), down.resources()) && fusing.fuses(up, down, config);
        } catch (RuntimeException e) {
            // The task's own methods threw: run it on its own, where the failure is reported as usual.
            LOG.debug("{} is not fused with {}: {}", down.id().display(), up.id().display(), e.getMessage(), e);
            return false;
        }
    }
}
