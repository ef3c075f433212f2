package io.cascata.core.summary;

import io.cascata.core.run.ExecutionContext;
import io.cascata.core.run.FailureReason;
import io.cascata.core.run.PendingReason;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskOutcome;
import io.cascata.core.run.TaskState;
import java.util.ArrayList;
import java.util.List;

/**
 * The Execution Summary, in Luigi's wording and order so that anyone who knows Luigi reads it
 * at a glance: the groups that are not empty, per-family lines, and the closing verdict.
 */
public final class ExecutionSummary {

    /** The banner above and below the summary. */
    public static final String BANNER = "===== Cascata Execution Summary =====";

    private static final int MAX_NOTES = 20;
    private static final int MAX_ERROR = 300;

    private ExecutionSummary() {
    }

    /** A long error keeps its start (what failed) and its end (the innermost cause), without the middle. */
    static String shortened(String error) {
        if (error.length() <= MAX_ERROR) {
            return error;
        }
        int head = MAX_ERROR * 2 / 5;
        return error.substring(0, head) + " ... " + error.substring(error.length() - (MAX_ERROR - head));
    }

    /** The summary text, banners included, ending with a newline, listing up to five families a group. */
    public static String render(RunResult result) {
        return render(result, FamilyLines.DEFAULT_LENGTH);
    }

    /**
     * The summary text with up to {@code summaryLength} families listed in each group before
     * {@code ...} (0: all), as {@code [execution_summary] summary-length} says.
     */
    public static String render(RunResult result, int summaryLength) {
        StringBuilder out = new StringBuilder();
        out.append('\n').append(BANNER).append("\n\n");
        out.append(body(result, summaryLength));
        out.append('\n').append(BANNER).append('\n');
        return out.toString();
    }

    /** The text between the banners. */
    public static String body(RunResult result) {
        return body(result, FamilyLines.DEFAULT_LENGTH);
    }

    /** The text between the banners, with up to {@code summaryLength} families a group (0: all). */
    public static String body(RunResult result, int summaryLength) {
        StringBuilder out = new StringBuilder();
        List<TaskOutcome> all = result.outcomes();
        if (all.isEmpty()) {
            out.append("Did not schedule any tasks\n");
        } else {
            out.append("Scheduled ").append(all.size()).append(" tasks of which:\n");
            group(out, "", "complete ones were encountered", result.inState(TaskState.ALREADY_DONE), summaryLength);
            group(out, "", "ran successfully", result.inState(TaskState.COMPLETED), summaryLength);
            failed(out, result, summaryLength);
            group(out, "", "failed scheduling", result.inState(TaskState.SCHEDULING_FAILED), summaryLength);
            pending(out, result, summaryLength);
            notes(out, result);
            List<TaskOutcome> failed = new ArrayList<>(result.inState(TaskState.FAILED));
            failed.addAll(result.inState(TaskState.SCHEDULING_FAILED));
            lines(out, "Why tasks failed:", FailureLines.why(failed));
            out.append('\n');
            if (!result.any(TaskState.COMPLETED) && !result.any(TaskState.FAILED)) {
                out.append("Did not run any tasks\n");
            }
        }
        result.unhandledError().ifPresent(e -> out.append("The driver failed: ").append(e).append('\n'));
        Verdict verdict = Verdict.of(result);
        out.append("This progress looks ").append(verdict.face()).append(" because ").append(verdict.reason()).append('\n');
        return out.toString();
    }

    /**
     * The failed tasks: one group as Luigi prints it when every one failed with an error, else
     * split by reason (interrupted, timed out, failed requirements found while running, error).
     */
    private static void failed(StringBuilder out, RunResult result, int summaryLength) {
        List<TaskOutcome> failed = result.inState(TaskState.FAILED);
        if (failed.stream().allMatch(o -> o.failure() == FailureReason.ERROR)) {
            group(out, "", "failed", failed, summaryLength);
            return;
        }
        out.append("* ").append(failed.size()).append(" failed, among these:\n");
        for (FailureReason reason : List.of(FailureReason.INTERRUPTED, FailureReason.TIMED_OUT,
                FailureReason.REQUIREMENT_FAILED, FailureReason.ERROR)) {
            group(out, "    ", reason.words(), failed.stream().filter(o -> o.failure() == reason).toList(), summaryLength);
        }
    }

    private static void pending(StringBuilder out, RunResult result, int summaryLength) {
        List<TaskOutcome> external = result.inState(TaskState.MISSING_EXTERNAL);
        List<TaskOutcome> elsewhere = result.inState(TaskState.RUN_BY_OTHER_WORKER);
        List<TaskOutcome> waiting = result.inState(TaskState.PENDING);
        int total = external.size() + elsewhere.size() + waiting.size();
        if (total == 0) {
            return;
        }
        out.append("* ").append(total).append(" were left pending, among these:\n");
        group(out, "    ", "were missing external dependencies", external, summaryLength);
        for (String line : FailureLines.missing(external)) {
            out.append("            ").append(line).append('\n');
        }
        group(out, "    ", "were being run by another worker", elsewhere, summaryLength);
        // As Luigi does, a task is listed under every reason that applies to it.
        for (PendingReason reason : PendingReason.values()) {
            List<TaskOutcome> because = new ArrayList<>();
            for (TaskOutcome o : waiting) {
                if (o.reasons().contains(reason)) {
                    because.add(o);
                }
            }
            group(out, "    ", reason.words(), because, summaryLength);
        }
    }

    /** The one-line notes executors left (where a Beam stage ran, say), at most {@value #MAX_NOTES}. */
    private static void notes(StringBuilder out, RunResult result) {
        List<TaskOutcome> noted = new ArrayList<>();
        for (TaskOutcome o : result.outcomes()) {
            if (o.details().containsKey(ExecutionContext.SUMMARY)) {
                noted.add(o);
            }
        }
        if (noted.isEmpty()) {
            return;
        }
        noted.sort((a, b) -> a.id().compareTo(b.id()));
        out.append("How tasks ran:\n");
        for (int i = 0; i < noted.size(); i++) {
            if (i == MAX_NOTES) {
                out.append("    ...\n");
                break;
            }
            TaskOutcome o = noted.get(i);
            out.append("    - ").append(o.id().display()).append(' ').append(o.details().get(ExecutionContext.SUMMARY));
            if (o.state() == TaskState.FAILED) {
                String error = o.error() == null ? "" : o.error().replace('\n', ' ');
                out.append(" [failed: ").append(shortened(error)).append(']');
            }
            out.append('\n');
        }
    }

    private static void lines(StringBuilder out, String heading, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.append(heading).append('\n');
        for (String line : lines) {
            out.append("    - ").append(line).append('\n');
        }
    }

    private static void group(StringBuilder out, String indent, String words, List<TaskOutcome> outcomes,
            int summaryLength) {
        if (outcomes.isEmpty()) {
            return;
        }
        out.append(indent).append("* ").append(outcomes.size()).append(' ').append(words).append(":\n");
        for (String line : FamilyLines.of(outcomes, summaryLength)) {
            out.append(indent).append("    ").append(line).append('\n');
        }
    }
}
