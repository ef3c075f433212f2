package io.cascata.core.summary;

import io.cascata.core.TaskId;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The per-family lines of a summary group, shortened the way Luigi shortens them: a family
 * whose tasks differ in one parameter over a consecutive range reads {@code Family(i=1...100)};
 * at most {@value #MAX_FAMILIES} families are listed before {@code ...}.
 */
final class FamilyLines {

    static final int MAX_FAMILIES = 5;
    private static final int MAX_VALUES = 3;

    private FamilyLines() {
    }

    /** The lines for a group, each starting with {@code "- n "}. */
    static List<String> of(List<TaskId> ids) {
        Map<String, List<TaskId>> byFamily = new TreeMap<>();
        for (TaskId id : ids) {
            byFamily.computeIfAbsent(id.family(), f -> new ArrayList<>()).add(id);
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<TaskId>> e : byFamily.entrySet()) {
            if (lines.size() == MAX_FAMILIES) {
                lines.add("...");
                break;
            }
            List<TaskId> tasks = e.getValue();
            lines.add("- " + tasks.size() + " " + describe(e.getKey(), tasks));
        }
        return lines;
    }

    /**
     * One family's text. A group can hold a million ids, so this avoids sorting them: only the
     * first in id order is shown, and a collapsed range does not depend on the order of values.
     */
    private static String describe(String family, List<TaskId> tasks) {
        TaskId first = tasks.get(0);
        for (int i = 1; i < tasks.size(); i++) {
            if (tasks.get(i).compareTo(first) < 0) {
                first = tasks.get(i);
            }
        }
        String firstDisplay = first.display();
        if (tasks.size() == 1 || first.parameters().isEmpty()) {
            return firstDisplay;
        }
        List<String> names = new ArrayList<>(first.parameters().keySet());
        if (!sameParameterNames(tasks, names)) {
            return describeSorted(family, tasks);
        }
        int varying = -1;
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            String value = first.parameters().get(name);
            for (TaskId id : tasks) {
                if (!id.parameters().get(name).equals(value)) {
                    if (varying >= 0) {
                        return severalVary(tasks, first, firstDisplay);
                    }
                    varying = k;
                    break;
                }
            }
        }
        if (varying < 0) {
            return severalVary(tasks, first, firstDisplay);
        }
        String name = names.get(varying);
        Set<String> values = new HashSet<>();
        for (TaskId id : tasks) {
            values.add(id.parameters().get(name));
        }
        StringBuilder out = new StringBuilder(family).append('(');
        for (int k = 0; k < names.size(); k++) {
            if (k > 0) {
                out.append(", ");
            }
            out.append(names.get(k)).append('=');
            out.append(k == varying ? collapse(values) : first.parameters().get(names.get(k)));
        }
        return out.append(')').toString();
    }

    /** Whether every id has exactly these parameter names. */
    private static boolean sameParameterNames(List<TaskId> tasks, List<String> names) {
        for (TaskId id : tasks) {
            Map<String, String> p = id.parameters();
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

    /** When no single parameter tells the tasks apart: the first, and the second if there are only two. */
    private static String severalVary(List<TaskId> tasks, TaskId first, String firstDisplay) {
        if (tasks.size() == 2) {
            TaskId second = tasks.get(0) == first ? tasks.get(1) : tasks.get(0);
            return firstDisplay + " and " + second.display();
        }
        return firstDisplay + " ...";
    }

    /** The general case, for a family whose ids do not all have the same parameter names. */
    private static String describeSorted(String family, List<TaskId> unsorted) {
        List<TaskId> tasks = new ArrayList<>(unsorted);
        tasks.sort(null);
        TaskId first = tasks.get(0);
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (TaskId id : tasks) {
            id.parameters().forEach((k, v) -> values.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
        }
        List<String> varying = values.entrySet().stream().filter(v -> v.getValue().size() > 1).map(Map.Entry::getKey).toList();
        if (varying.size() == 1) {
            String name = varying.get(0);
            StringBuilder out = new StringBuilder(family).append('(');
            boolean firstParam = true;
            for (Map.Entry<String, Set<String>> v : values.entrySet()) {
                if (!firstParam) {
                    out.append(", ");
                }
                firstParam = false;
                out.append(v.getKey()).append('=');
                out.append(v.getKey().equals(name) ? collapse(v.getValue()) : v.getValue().iterator().next());
            }
            return out.append(')').toString();
        }
        return severalVary(tasks, first, first.display());
    }

    /** {@code 1...100} for a consecutive run of more than three integers or dates, else up to three values. */
    private static String collapse(Set<String> valueSet) {
        List<String> values = new ArrayList<>(valueSet);
        if (values.size() > MAX_VALUES) {
            String range = range(values);
            if (range != null) {
                return range;
            }
        }
        values.sort(null);
        if (values.size() <= MAX_VALUES) {
            return String.join(",", values);
        }
        return String.join(",", values.subList(0, MAX_VALUES)) + "...";
    }

    private static String range(List<String> values) {
        try {
            long[] numbers = new long[values.size()];
            for (int i = 0; i < numbers.length; i++) {
                numbers[i] = Long.parseLong(values.get(i));
            }
            Arrays.sort(numbers);
            if (numbers[numbers.length - 1] - numbers[0] + 1 == numbers.length) {
                return numbers[0] + "..." + numbers[numbers.length - 1];
            }
            return null;
        } catch (NumberFormatException notNumbers) {
            try {
                List<LocalDate> dates = new ArrayList<>();
                for (String v : values) {
                    dates.add(LocalDate.parse(v));
                }
                dates.sort(null);
                LocalDate first = dates.get(0);
                LocalDate last = dates.get(dates.size() - 1);
                if (first.plusDays(dates.size() - 1).equals(last)) {
                    return first + "..." + last;
                }
                return null;
            } catch (DateTimeParseException notDates) {
                return null;
            }
        }
    }
}
