package io.cascata.core.cli;

import io.cascata.core.Shapes;
import io.cascata.core.Task;
import io.cascata.core.TaskId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The task tree with each task's state, as Luigi's deps_tree tool prints it. Each task's
 * completeness is checked once, however often it appears.
 */
final class DepsTree {

    private final Map<TaskId, String> states = new HashMap<>();
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
        out.append(indent).append(last ? "└─--" : "|--").append('[').append(task.id().display()).append(" (")
                .append(state(task)).append(")]\n");
        List<Task> children = Shapes.tasks(task.requires());
        String childIndent = indent + (last ? "   " : "|  ");
        for (int i = 0; i < children.size(); i++) {
            print(children.get(i), childIndent, i == children.size() - 1);
        }
    }

    private String state(Task task) {
        return states.computeIfAbsent(task.id(), id -> {
            try {
                return task.complete() ? "COMPLETE" : "PENDING";
            } catch (RuntimeException e) {
                return "BROKEN: " + e.getMessage();
            }
        });
    }
}
