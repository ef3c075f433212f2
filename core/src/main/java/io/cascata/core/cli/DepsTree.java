package io.cascata.core.cli;

import io.cascata.core.Shapes;
import io.cascata.core.Task;
import io.cascata.core.TaskId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * The task tree with each task's state, as Luigi's deps_tree tool prints it. Each task's
 * completeness is checked once, however often it appears.
 */
final class DepsTree {

    private final Map<TaskId, String> states = new HashMap<>();
    private final Set<TaskId> path = new HashSet<>();
    private final StringBuilder out = new StringBuilder();

    private DepsTree() {
    }

    /** The tree under a root, one task a line. */
    static String render(Task root) {
        DepsTree tree = new DepsTree();
        tree.print(root, "", true);
        return tree.out.toString();
    }

    private void print(Task task, String indent, boolean last) {
        TaskId id = task.id();
        out.append(indent).append(last ? "└─--" : "|--").append('[').append(id.display()).append(" (");
        if (!path.add(id)) {
            out.append("CYCLE: requires itself through the tasks above)]\n");
            return;
        }
        out.append(state(task)).append(")]\n");
        List<Task> children;
        try {
            children = Shapes.tasks(task.requires());
        } catch (RuntimeException e) {
            out.append(indent).append("   requires() failed: ").append(e).append('\n');
            path.remove(id);
            return;
        }
        String childIndent = indent + (last ? "   " : "|  ");
        for (int i = 0; i < children.size(); i++) {
            print(children.get(i), childIndent, i == children.size() - 1);
        }
        path.remove(id);
    }

    private String state(Task task) {
        return states.computeIfAbsent(task.id(), id -> {
            try {
                return task.complete() ? "COMPLETE" : "PENDING";
            } catch (RuntimeException e) {
                return "BROKEN: complete() failed: " + e;
            }
        });
    }
}
