package io.cascata.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run's tasks arranged for the page, in one pass over them: each family's counts by state,
 * each family's tasks (put in display order the first time the family is asked for, then kept)
 * and the tasks by id. A run read from the history is indexed once and then answers every
 * request without going over all of its tasks again.
 */
final class RunIndex {

    private final RunView run;
    private final Map<String, Map<String, Integer>> families = new TreeMap<>();
    private final Map<String, Integer> totals = new LinkedHashMap<>();
    private final Map<String, List<TaskView>> byFamily = new HashMap<>();
    private final Map<String, TaskView> byId;
    private final Map<String, List<TaskView>> sorted = new ConcurrentHashMap<>();

    private RunIndex(RunView run) {
        this.run = run;
        this.byId = new HashMap<>(Math.max(16, run.tasks().size() * 4 / 3 + 1));
        for (TaskView t : run.tasks()) {
            families.computeIfAbsent(t.family(), f -> new LinkedHashMap<>()).merge(t.state(), 1, Integer::sum);
            totals.merge(t.state(), 1, Integer::sum);
            byFamily.computeIfAbsent(t.family(), f -> new ArrayList<>()).add(t);
            byId.put(t.id(), t);
        }
    }

    /** Indexes a run's tasks. */
    static RunIndex of(RunView run) {
        return new RunIndex(run);
    }

    RunView run() {
        return run;
    }

    /** Each family's task counts by state, families in name order. */
    Map<String, Map<String, Integer>> families() {
        return families;
    }

    /** The run's task counts by state. */
    Map<String, Integer> totals() {
        return totals;
    }

    /** A family's tasks in display order; none for a family the run does not have. */
    List<TaskView> family(String family) {
        List<TaskView> tasks = byFamily.get(family);
        if (tasks == null) {
            return List.of();
        }
        return sorted.computeIfAbsent(family, f -> {
            List<TaskView> copy = new ArrayList<>(tasks);
            copy.sort(Comparator.comparing(TaskView::display));
            return List.copyOf(copy);
        });
    }

    /** A task by id. */
    Optional<TaskView> task(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
