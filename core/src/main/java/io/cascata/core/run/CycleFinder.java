package io.cascata.core.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Finds dependency cycles among the tasks that are to run and marks each task on a cycle as
 * failed scheduling, with a message that names the whole cycle. Iterative, so deep graphs do
 * not overflow the stack.
 */
final class CycleFinder {

    private CycleFinder() {
    }

    /** Marks cycle members; returns the cycles found, each as "A -> B -> A". Needs each node's slot set. */
    static List<String> markCycles(List<TaskNode> nodes) {
        return markCycles(nodes, 0);
    }

    /**
     * The same among nodes added to a graph later, whose slots start at {@code firstSlot}: a
     * cycle cannot pass through the older nodes, whose requirements were all known before.
     */
    static List<String> markCycles(List<TaskNode> nodes, int firstSlot) {
        byte[] color = new byte[nodes.size()]; // 0: unseen, 1: on the path, 2: done
        List<String> cycles = new ArrayList<>();
        for (TaskNode start : nodes) {
            if (start.state != TaskState.PENDING || color[start.slot - firstSlot] != 0) {
                continue;
            }
            Deque<TaskNode> path = new ArrayDeque<>();
            Deque<int[]> next = new ArrayDeque<>(); // per path entry, the index of the next requirement to follow
            path.push(start);
            next.push(new int[1]);
            color[start.slot - firstSlot] = 1;
            while (!path.isEmpty()) {
                TaskNode top = path.peek();
                TaskNode[] requirements = top.knownRequirements();
                int[] position = next.peek();
                if (position[0] == requirements.length) {
                    color[path.pop().slot - firstSlot] = 2;
                    next.pop();
                    continue;
                }
                TaskNode requirement = requirements[position[0]++];
                if (requirement.state != TaskState.PENDING || requirement.slot < firstSlot) {
                    continue;
                }
                int at = requirement.slot - firstSlot;
                if (color[at] == 0) {
                    color[at] = 1;
                    path.push(requirement);
                    next.push(new int[1]);
                } else if (color[at] == 1) {
                    cycles.add(mark(path, requirement));
                }
            }
        }
        return cycles;
    }

    private static String mark(Deque<TaskNode> path, TaskNode repeated) {
        List<TaskNode> members = new ArrayList<>();
        for (Iterator<TaskNode> it = path.descendingIterator(); it.hasNext(); ) {
            TaskNode n = it.next();
            if (n == repeated || !members.isEmpty()) {
                members.add(n);
            }
        }
        StringBuilder text = new StringBuilder();
        for (TaskNode n : members) {
            text.append(n.id.display()).append(" -> ");
        }
        text.append(repeated.id.display());
        String message = "dependency cycle: " + text;
        for (TaskNode n : members) {
            n.state = TaskState.SCHEDULING_FAILED;
            n.errorText = message;
        }
        return message;
    }
}
