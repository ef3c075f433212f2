package io.cascata.core.summary;

import io.cascata.core.TaskId;
import io.cascata.core.param.ParameterSpec;
import io.cascata.core.param.ParameterType;
import io.cascata.core.param.TaskFamily;
import io.cascata.core.run.TaskOutcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * The per-family lines of a summary group, by Luigi's rules for them
 * ({@code luigi/execution_summary.py}, {@code _get_str}):
 * <ul>
 * <li>families in name order, at most {@code summaryLength} of them (0: all) before {@code ...};</li>
 * <li>{@code Family(...)} when the parameter names together pass 60 characters or a task's text
 * passes 200 (40 and 100 for a pair of tasks with several parameters);</li>
 * <li>with one parameter: a run of more than three counted values (ints, days, hours, minutes,
 * months, years) as {@code a...b}, else the values in order, cut with {@code ...} once the list
 * is 30 characters long and shows at least three, or past 200;</li>
 * <li>with several, where one alone differs and its values run on (more than two of them):
 * {@code Family(a=1, b=0...4)}; otherwise the first task, {@code first and second} for two, or
 * {@code first ...}.</li>
 * </ul>
 * Tasks are ordered as their texts are. A group can hold a million tasks, so the whole group is
 * never sorted: only the few first tasks a line can show are picked out.
 */
final class FamilyLines {

    /** Luigi's {@code [execution_summary] summary_length} default. */
    static final int DEFAULT_LENGTH = 5;

    private static final int MAX_NAMES = 60;
    private static final int MAX_TEXT = 200;
    private static final int MAX_PAIR_NAMES = 40;
    private static final int MAX_PAIR_TEXT = 100;
    private static final int ROW_SOFT_LIMIT = 30;
    private static final int ROW_HARD_LIMIT = 200;
    /** A row of values stops past 200 characters, so it never shows more than this many. */
    private static final int MOST_VALUES_SHOWN = ROW_HARD_LIMIT / 2 + 2;

    private FamilyLines() {
    }

    /** The lines for a group, each starting with {@code "- n "}, at most {@code summaryLength} families (0: all). */
    static List<String> of(List<TaskOutcome> outcomes, int summaryLength) {
        Map<String, List<TaskOutcome>> byFamily = new TreeMap<>();
        for (TaskOutcome o : outcomes) {
            byFamily.computeIfAbsent(o.id().family(), f -> new ArrayList<>()).add(o);
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<TaskOutcome>> e : byFamily.entrySet()) {
            if (summaryLength > 0 && lines.size() >= summaryLength) {
                lines.add("...");
                break;
            }
            lines.add("- " + e.getValue().size() + " " + describe(e.getKey(), e.getValue()));
        }
        return lines;
    }

    private static String describe(String family, List<TaskOutcome> tasks) {
        List<TaskOutcome> first = smallest(tasks, tasks.size() == 1 ? 1 : MOST_VALUES_SHOWN);
        TaskId head = first.get(0).id();
        Map<String, String> params = head.parameters();
        if (params.isEmpty()) {
            return family + "()";
        }
        int nameLength = 0;
        for (String name : params.keySet()) {
            nameLength += name.length();
        }
        int textLength = head.display().length();
        if (nameLength > MAX_NAMES || textLength > MAX_TEXT
                || (tasks.size() == 2 && params.size() > 1 && (nameLength > MAX_PAIR_NAMES || textLength > MAX_PAIR_TEXT))) {
            return family + "(...)";
        }
        List<String> names = new ArrayList<>(params.keySet());
        boolean sameNames = sameParameterNames(tasks, names);
        if (params.size() == 1 && sameNames) {
            String name = names.get(0);
            Set<String> values = distinct(tasks, name);
            Optional<String> run = values.size() > 3 ? run(first.get(0), name, values) : Optional.empty();
            return family + "(" + name + "=" + run.orElseGet(() -> row(first, name, tasks.size())) + ")";
        }
        if (sameNames) {
            String varying = null;
            for (String name : names) {
                if (differs(tasks, name, params.get(name))) {
                    if (varying != null) {
                        varying = null;
                        break;
                    }
                    varying = name;
                }
            }
            if (varying != null) {
                Set<String> values = distinct(tasks, varying);
                Optional<String> run = values.size() > 2 ? run(first.get(0), varying, values) : Optional.empty();
                if (run.isPresent()) {
                    StringBuilder out = new StringBuilder(family).append('(');
                    for (int i = 0; i < names.size(); i++) {
                        if (i > 0) {
                            out.append(", ");
                        }
                        String name = names.get(i);
                        out.append(name).append('=').append(name.equals(varying) ? run.get() : params.get(name));
                    }
                    return out.append(')').toString();
                }
            }
        }
        if (tasks.size() == 1) {
            return head.display();
        }
        if (tasks.size() == 2) {
            return head.display() + " and " + first.get(1).id().display();
        }
        return head.display() + " ...";
    }

    /** The first {@code k} tasks in id order, picked without sorting the whole group. */
    private static List<TaskOutcome> smallest(List<TaskOutcome> tasks, int k) {
        if (tasks.size() <= k) {
            List<TaskOutcome> all = new ArrayList<>(tasks);
            all.sort((a, b) -> a.id().compareTo(b.id()));
            return all;
        }
        PriorityQueue<TaskOutcome> largestFirst = new PriorityQueue<>(k + 1, (a, b) -> b.id().compareTo(a.id()));
        for (TaskOutcome o : tasks) {
            if (largestFirst.size() < k) {
                largestFirst.add(o);
            } else if (o.id().compareTo(largestFirst.peek().id()) < 0) {
                largestFirst.poll();
                largestFirst.add(o);
            }
        }
        List<TaskOutcome> out = new ArrayList<>(largestFirst);
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    /**
     * Luigi's list of one parameter's values: at least three, then {@code ...} once the text
     * reaches 30 characters (unless only the last value is left), and always past 200.
     */
    private static String row(List<TaskOutcome> first, String name, int total) {
        StringBuilder row = new StringBuilder();
        for (int count = 0; count < first.size(); count++) {
            if ((row.length() >= ROW_SOFT_LIMIT && count > 2 && count != total - 1) || row.length() > ROW_HARD_LIMIT) {
                return row.append("...").toString();
            }
            row.append(first.get(count).id().parameters().get(name));
            if (count < total - 1) {
                row.append(',');
            }
        }
        return row.toString();
    }

    private static Set<String> distinct(List<TaskOutcome> tasks, String name) {
        Set<String> values = new HashSet<>();
        for (TaskOutcome o : tasks) {
            values.add(o.id().parameters().get(name));
        }
        return values;
    }

    private static boolean differs(List<TaskOutcome> tasks, String name, String value) {
        for (TaskOutcome o : tasks) {
            if (!value.equals(o.id().parameters().get(name))) {
                return true;
            }
        }
        return false;
    }

    /** Whether every id has exactly these parameter names (two classes may share a family name). */
    private static boolean sameParameterNames(List<TaskOutcome> tasks, List<String> names) {
        for (TaskOutcome o : tasks) {
            Map<String, String> p = o.id().parameters();
            if (p.size() != names.size()) {
                return false;
            }
            for (String name : names) {
                if (p.get(name) == null) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * {@code first...last} when the values, counted by their type, run on without a gap (Luigi's
     * {@code _ranging_attributes}); empty for a gap or a type that is not counted.
     */
    private static Optional<String> run(TaskOutcome sample, String name, Set<String> texts) {
        Optional<ParameterType> type = typeOf(sample, name);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        ParameterType t = type.get();
        Set<Object> values = new HashSet<>(texts.size() * 2);
        try {
            for (String text : texts) {
                values.add(t.parse(text));
            }
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
        Object start = null;
        Object end = null;
        for (Object v : values) {
            Object next = t.successor(v);
            if (next == null) {
                return Optional.empty();
            }
            if (!values.contains(next)) {
                if (end != null) {
                    return Optional.empty();
                }
                end = v;
            }
        }
        Set<Object> successors = new HashSet<>(values.size() * 2);
        for (Object v : values) {
            successors.add(t.successor(v));
        }
        for (Object v : values) {
            if (!successors.contains(v)) {
                if (start != null) {
                    return Optional.empty();
                }
                start = v;
            }
        }
        if (start == null || end == null) {
            return Optional.empty();
        }
        return Optional.of(t.serialize(start) + "..." + t.serialize(end));
    }

    private static Optional<ParameterType> typeOf(TaskOutcome sample, String name) {
        if (sample.task() == null) {
            return Optional.empty();
        }
        try {
            return TaskFamily.of(sample.task().getClass()).parameter(name).map(ParameterSpec::type);
        } catch (IllegalArgumentException notAFamily) {
            return Optional.empty();
        }
    }
}
