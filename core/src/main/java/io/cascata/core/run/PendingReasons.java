package io.cascata.core.run;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every reason each task left pending has, as Luigi's summary lists a pending task under each
 * reason that applies (a task behind a failed task and behind missing data is under both): a
 * pending task has the reason each requirement's end gives, and the reasons of each pending
 * requirement. Worked out once after the run, from the graph, with an explicit stack.
 */
final class PendingReasons {

    private PendingReasons() {
    }

    /** The reasons of every pending node. */
    static Map<TaskNode, Set<PendingReason>> of(List<TaskNode> nodes) {
        Map<TaskNode, Set<PendingReason>> reasons = new IdentityHashMap<>();
        for (TaskNode node : nodes) {
            if (node.state == TaskState.PENDING && !reasons.containsKey(node)) {
                resolve(node, reasons);
            }
        }
        return reasons;
    }

    private static void resolve(TaskNode root, Map<TaskNode, Set<PendingReason>> reasons) {
        ArrayDeque<TaskNode> stack = new ArrayDeque<>();
        Set<TaskNode> opened = Collections.newSetFromMap(new IdentityHashMap<>());
        stack.push(root);
        while (!stack.isEmpty()) {
            TaskNode node = stack.peek();
            if (opened.add(node)) {
                for (TaskNode requirement : node.knownRequirements()) {
                    if (requirement.state == TaskState.PENDING && !reasons.containsKey(requirement)
                            && !opened.contains(requirement)) {
                        stack.push(requirement);
                    }
                }
                continue;
            }
            stack.pop();
            if (reasons.containsKey(node)) {
                continue;
            }
            if (node.reason == PendingReason.RUN_INTERRUPTED) {
                // Never started because the run was cancelled: that is its reason, whatever else is upstream.
                reasons.put(node, Set.of(PendingReason.RUN_INTERRUPTED));
                continue;
            }
            EnumSet<PendingReason> own = EnumSet.noneOf(PendingReason.class);
            for (TaskNode requirement : node.knownRequirements()) {
                if (requirement.state == TaskState.PENDING) {
                    own.addAll(reasons.getOrDefault(requirement, Set.of()));
                } else {
                    PendingReason direct = PendingReason.from(requirement.state, null);
                    if (direct != null) {
                        own.add(direct);
                    }
                }
            }
            if (node.reason != null) {
                own.add(node.reason);
            }
            reasons.put(node, Collections.unmodifiableSet(own));
        }
    }
}
