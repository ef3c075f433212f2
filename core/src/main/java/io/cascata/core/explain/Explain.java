package io.cascata.core.explain;

import io.cascata.core.Shapes;
import io.cascata.core.Task;
import io.cascata.core.TaskId;
import io.cascata.core.targets.Target;
import io.cascata.core.targets.Workspace;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --explain}: for each incomplete task under a root, why it will run. Its output is
 * missing (which); a task it requires is incomplete (which); and, for parameter-aware outputs
 * whose earlier version left its {@link Provenance}, what changed since: a parameter of a task
 * upstream (old and new value), a task's code version, or what it requires. Nothing is run or
 * written; each task's completeness is checked once.
 */
public final class Explain {

    private final Map<TaskId, Boolean> complete = new HashMap<>();
    private final StringBuilder out = new StringBuilder();

    private Explain() {
    }

    /** The explanation of every incomplete task under a root, in the order the graph is walked. */
    public static String render(Task root) {
        Explain explain = new Explain();
        explain.walk(root);
        if (explain.out.isEmpty()) {
            return "Every task is complete: nothing will run.\n";
        }
        return explain.out.toString();
    }

    private void walk(Task root) {
        Set<TaskId> seen = new HashSet<>();
        Deque<Task> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Task task = stack.pop();
            if (!seen.add(task.id())) {
                continue;
            }
            List<Task> requirements;
            try {
                requirements = Shapes.tasks(task.requires());
            } catch (RuntimeException e) {
                out.append(task.id().display()).append(" cannot be scheduled: requires() failed: ").append(e).append('\n');
                continue;
            }
            if (!isComplete(task)) {
                List<String> reasons = reasons(task, requirements);
                out.append(task.id().display()).append(" will run:\n");
                for (String reason : reasons) {
                    out.append("  - ").append(reason).append('\n');
                }
                for (int i = requirements.size() - 1; i >= 0; i--) {
                    stack.push(requirements.get(i));
                }
            }
        }
    }

    private boolean isComplete(Task task) {
        return complete.computeIfAbsent(task.id(), id -> {
            try {
                return task.complete();
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    private List<String> reasons(Task task, List<Task> requirements) {
        Set<String> reasons = new LinkedHashSet<>();
        List<Target> outputs;
        try {
            outputs = Shapes.targets(task.output());
        } catch (RuntimeException e) {
            return List.of("its outputs cannot be listed: " + e);
        }
        String lineage = null;
        for (Target target : outputs) {
            if (target.exists()) {
                continue;
            }
            reasons.add("its output is missing: " + target.location());
            if (lineage == null) {
                lineage = Workspace.lineage(task);
            }
            if (target.location().contains("_" + lineage)) {
                earlierVersion(task, target.location(), lineage)
                        .ifPresent(old -> compare(task, old, true, reasons, new HashSet<>()));
            }
        }
        if (outputs.isEmpty()) {
            reasons.add("it declares no output, so it runs whenever it is scheduled");
        }
        for (Task r : requirements) {
            if (!isComplete(r)) {
                reasons.add("an upstream task is incomplete: " + r.id().display());
            }
        }
        if (reasons.isEmpty()) {
            reasons.add("its complete() says it is not complete");
        }
        return new ArrayList<>(reasons);
    }

    /** The newest earlier output of the same task (same parameters) at another lineage. */
    private static Optional<Provenance> earlierVersion(Task task, String location, String lineage) {
        try {
            return ProvenanceFiles.earlierVersions(location, lineage).stream()
                    .filter(p -> p.task().id().equals(task.id().value()))
                    .max(Comparator.comparing(Provenance::committed));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * What differs between a task now and the provenance of its earlier output: its code, and
     * for each requirement, its parameters or (same parameters, other lineage) what changed
     * further up, found in that requirement's own earlier provenance.
     */
    private static void compare(Task task, Provenance old, boolean self, Set<String> reasons, Set<TaskId> visited) {
        if (!visited.add(task.id())) {
            return;
        }
        String code = Workspace.codeVersion(task);
        if (!code.equals(old.codeVersion())) {
            reasons.add((self ? "its code changed" : "the code of " + task.id().display() + " changed")
                    + ": version " + shown(old.codeVersion()) + " -> " + shown(code));
        }
        List<Task> requirements = Shapes.tasks(task.requires());
        Set<String> matched = new HashSet<>();
        for (Task r : requirements) {
            String id = r.id().value();
            Optional<Provenance.TaskRef> same = old.requires().stream().filter(ref -> ref.id().equals(id)).findFirst();
            if (same.isPresent()) {
                matched.add(id);
                String now = Workspace.lineage(r);
                if (!same.get().lineage().equals(now)) {
                    upstreamProvenance(r, now, same.get().lineage()).ifPresent(p -> compare(r, p, false, reasons, visited));
                }
                continue;
            }
            Optional<Provenance.TaskRef> sameFamily = old.requires().stream()
                    .filter(ref -> ref.family().equals(r.id().family()) && !matched.contains(ref.id()))
                    .max(Comparator.comparingLong(ref -> common(ref.params(), r.id().parameters())));
            if (sameFamily.isPresent()) {
                matched.add(sameFamily.get().id());
                Map<String, String> was = sameFamily.get().params();
                Map<String, String> is = r.id().parameters();
                for (String name : new TreeSet<>(union(was.keySet(), is.keySet()))) {
                    String before = was.get(name);
                    String after = is.get(name);
                    if (before == null ? after != null : !before.equals(after)) {
                        reasons.add("a parameter upstream changed: " + r.id().family() + "." + name + " was "
                                + shown(before) + ", is " + shown(after) + " (" + r.id().display() + ")");
                    }
                }
            } else {
                reasons.add((self ? "it" : task.id().display()) + " now requires " + r.id().display());
            }
        }
        for (Provenance.TaskRef ref : old.requires()) {
            if (!matched.contains(ref.id())) {
                reasons.add((self ? "it" : task.id().display()) + " no longer requires " + ref.display());
            }
        }
    }

    /** The provenance of a requirement's output as it was at an earlier lineage. */
    private static Optional<Provenance> upstreamProvenance(Task task, String lineage, String oldLineage) {
        try {
            for (Target target : Shapes.targets(task.output())) {
                String location = target.location();
                if (location.contains("_" + lineage)) {
                    Optional<Provenance> p = ProvenanceFiles.read(location.replace("_" + lineage, "_" + oldLineage));
                    if (p.isPresent()) {
                        return p;
                    }
                }
            }
        } catch (RuntimeException e) {
            // nothing more to say about it
        }
        return Optional.empty();
    }

    private static long common(Map<String, String> a, Map<String, String> b) {
        return a.entrySet().stream().filter(e -> e.getValue().equals(b.get(e.getKey()))).count();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String shown(String value) {
        return value == null || value.isEmpty() ? "(none)" : value;
    }
}
