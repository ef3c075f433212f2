package io.cascata.core.summary;

import io.cascata.core.TaskId;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
            List<TaskId> tasks = new ArrayList<>(e.getValue());
            tasks.sort(null);
            lines.add("- " + tasks.size() + " " + describe(e.getKey(), tasks));
        }
        return lines;
    }

    private static String describe(String family, List<TaskId> tasks) {
        TaskId first = tasks.get(0);
        if (tasks.size() == 1 || first.parameters().isEmpty()) {
            return first.display();
        }
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
        if (tasks.size() == 2) {
            return first.display() + " and " + tasks.get(1).display();
        }
        return first.display() + " ...";
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
            List<Long> numbers = new ArrayList<>();
            for (String v : values) {
                numbers.add(Long.parseLong(v));
            }
            numbers.sort(null);
            if (numbers.get(numbers.size() - 1) - numbers.get(0) + 1 == numbers.size()) {
                return numbers.get(0) + "..." + numbers.get(numbers.size() - 1);
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
