package io.cascata.core.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds dependency cycles among the tasks that are to run and marks each task on a cycle as
 * failed scheduling, with a message that names the whole cycle. Iterative, so deep graphs do
 * not overflow the stack.
 */
final class CycleFinder {

    private CycleFinder() {
    }

    /** Marks cycle members; returns the cycles found, each as "A -> B -> A". */
    static List<String> markCycles(List<TaskNode> nodes) {
        Map<TaskNode, Integer> color = new HashMap<>(); // absent: unseen, 1: on the path, 2: done
        List<String> cycles = new ArrayList<>();
        for (TaskNode start : nodes) {
            if (start.state != TaskState.PENDING || color.containsKey(start)) {
                continue;
            }
            Deque<TaskNode> path = new ArrayDeque<>();
            Deque<Iterator<TaskNode>> iterators = new ArrayDeque<>();
            path.push(start);
            iterators.push(start.knownRequirements().iterator());
            color.put(start, 1);
            while (!path.isEmpty()) {
                Iterator<TaskNode> it = iterators.peek();
                if (!it.hasNext()) {
                    color.put(path.pop(), 2);
                    iterators.pop();
                    continue;
                }
                TaskNode next = it.next();
                if (next.state != TaskState.PENDING) {
                    continue;
                }
                Integer c = color.get(next);
                if (c == null) {
                    color.put(next, 1);
                    path.push(next);
                    iterators.push(next.knownRequirements().iterator());
                } else if (c == 1) {
                    cycles.add(mark(path, next));
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
            n.error = new DependencyCycleException(message);
        }
        return message;
    }
}
