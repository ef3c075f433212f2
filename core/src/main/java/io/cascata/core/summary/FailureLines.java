package io.cascata.core.summary;

import io.cascata.core.Shapes;
import io.cascata.core.run.TaskOutcome;
import io.cascata.core.targets.Completeness;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The summary's lines that say why: each failed task with its error, and each missing external
 * dependency with the path that is missing. Failures that share a cause (a full disk under two
 * thousand tasks, each writing its own file) are one line with their count and one example.
 */
final class FailureLines {

    private static final int MAX_LINES = 20;

    /** "Type: some/path: why" reads "Type: why" once the path that differs from task to task is gone. */
    private static final Pattern LOCATION_AFTER_TYPE = Pattern.compile("^(\\w+: )[^\\s:]*[/\\\\][^\\s]*?: ");

    private FailureLines() {
    }

    /** One line per distinct cause: {@code TopWords(...): IOException: ...} or {@code 1950 tasks, e.g. Leaf(i=3): ...}. */
    static List<String> why(List<TaskOutcome> failed) {
        Map<String, List<TaskOutcome>> byCause = new LinkedHashMap<>();
        for (TaskOutcome o : failed) {
            String error = o.error() == null ? "no error recorded" : o.error().replace('\n', ' ');
            byCause.computeIfAbsent(LOCATION_AFTER_TYPE.matcher(error).replaceFirst("$1"), c -> new ArrayList<>()).add(o);
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<TaskOutcome>> e : byCause.entrySet()) {
            if (lines.size() == MAX_LINES) {
                lines.add("...");
                break;
            }
            List<TaskOutcome> tasks = e.getValue();
            TaskOutcome first = tasks.get(0);
            String error = first.error() == null ? "no error recorded" : first.error().replace('\n', ' ');
            lines.add(tasks.size() == 1 ? first.id().display() + ": " + ExecutionSummary.shortened(error)
                    : tasks.size() + " tasks with the same cause, e.g. " + first.id().display() + ": "
                            + ExecutionSummary.shortened(error));
        }
        return lines;
    }

    /** The paths that missing external dependencies stand for, at most {@value #MAX_LINES}. */
    static List<String> missing(List<TaskOutcome> external) {
        List<String> lines = new ArrayList<>();
        for (TaskOutcome o : external) {
            if (lines.size() == MAX_LINES) {
                lines.add("...");
                break;
            }
            lines.add("missing: " + locations(o) + " (" + o.id().display() + ")");
        }
        return lines;
    }

    /** Why a directory that is there still counts as missing: the listed file that is gone or short. */
    private static String damage(Target target) {
        if (!(target instanceof DirectoryTarget directory)) {
            return "";
        }
        try {
            Completeness completeness = directory.completeness();
            return completeness.damaged() ? " (incomplete: " + completeness.reason() + ")" : "";
        } catch (IOException | RuntimeException e) {
            // The summary is written after the run; a storage that fails now only loses the detail.
            return "";
        }
    }

    private static String locations(TaskOutcome o) {
        try {
            List<String> where = new ArrayList<>();
            for (Target t : Shapes.targets(o.task().output())) {
                where.add(t.location() + damage(t));
            }
            return where.isEmpty() ? "(no output declared)" : String.join(", ", where);
        } catch (RuntimeException e) {
            return "(its output() threw " + e.getClass().getSimpleName() + ")";
        }
    }
}
