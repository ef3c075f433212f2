package io.cascata.core.cli;

import io.cascata.core.Shapes;
import io.cascata.core.Task;
import io.cascata.core.TaskId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The task tree with each task's state, as Luigi's deps_tree tool prints it. Each task's
 * completeness is checked once, however often it appears. The tree is walked with an explicit
 * stack, so a chain of any depth prints; past {@value #MAX_INDENT_LEVELS} levels the indent stops
 * growing and each line says its depth instead, which keeps every line short.
 */
final class DepsTree {

    /** Deeper lines keep this many levels of indent, so that printing a long chain stays linear. */
    static final int MAX_INDENT_LEVELS = 50;

    private final Map<TaskId, String> states = new HashMap<>();
    private final Set<TaskId> path = new HashSet<>();
    private final StringBuilder out = new StringBuilder();

    private DepsTree() {
    }

    /** The tree under a root, one task a line. */
    static String render(Task root) {
        DepsTree tree = new DepsTree();
        tree.print(root);
        return tree.out.toString();
    }

    private void print(Task root) {
        Deque<Frame> stack = new ArrayDeque<>();
        Frame rootFrame = open(root, "", true, 0);
        if (rootFrame != null) {
            stack.push(rootFrame);
        }
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            if (frame.next == frame.children.size()) {
                stack.pop();
                path.remove(frame.id);
                continue;
            }
            int i = frame.next++;
            Frame child = open(frame.children.get(i), frame.childIndent, i == frame.children.size() - 1,
                    frame.depth + 1);
            if (child != null) {
                stack.push(child);
            }
        }
    }

    /**
     * Prints a task's line; returns the frame that walks its requirements, or null when there is
     * nothing below it (a cycle, or requires() failed).
     */
    private Frame open(Task task, String indent, boolean last, int depth) {
        TaskId id = task.id();
        out.append(indent);
        if (depth > MAX_INDENT_LEVELS) {
            out.append("(depth ").append(depth).append(") ");
        }
        out.append(last ? "└─--" : "|--").append('[').append(id.display()).append(" (");
        if (!path.add(id)) {
            out.append("CYCLE: requires itself through the tasks above)]\n");
            return null;
        }
        out.append(state(task)).append(")]\n");
        List<Task> children;
        try {
            children = Shapes.tasks(task.requires());
        } catch (RuntimeException e) {
            out.append(indent).append("   requires() failed: ").append(e).append('\n');
            path.remove(id);
            return null;
        }
        String childIndent = depth >= MAX_INDENT_LEVELS ? indent : indent + (last ? "   " : "|  ");
        return new Frame(id, children, childIndent, depth);
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

    /** A task whose requirements are being printed, and how far. */
    private static final class Frame {
        final TaskId id;
        final List<Task> children;
        final String childIndent;
        final int depth;
        int next;

        Frame(TaskId id, List<Task> children, String childIndent, int depth) {
            this.id = id;
            this.children = children;
            this.childIndent = childIndent;
            this.depth = depth;
        }
    }
}
