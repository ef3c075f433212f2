package io.cascata.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascata.core.json.Json;
import io.cascata.core.operate.FinishedRun;
import io.cascata.core.run.TaskOutcome;
import io.cascata.core.run.TaskState;
import io.cascata.core.summary.Verdict;
import java.util.List;

/**
 * What a notification says about a finished run, as a mail subject and text and as the
 * webhook's JSON: whether it succeeded, its exit code and verdict, each failed task with its
 * error, the Execution Summary, and where the run is in the history.
 */
public final class RunNotification {

    private final FinishedRun run;
    private final List<TaskOutcome> failed;
    private String summary;

    public RunNotification(FinishedRun run) {
        this.run = run;
        this.failed = run.result().inState(TaskState.FAILED);
    }

    private String summary() {
        if (summary == null) {
            summary = run.summary();
        }
        return summary;
    }

    /** Whether the run succeeded (exit code 0). */
    public boolean succeeded() {
        return run.exitCode() == 0;
    }

    public String subject() {
        String roots = run.commandLine().isEmpty() ? "run" : run.commandLine().get(0);
        return "Cascata " + roots + (succeeded() ? " succeeded" : " failed with exit code " + run.exitCode())
                + " on " + run.host();
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        b.append(succeeded() ? "The run succeeded." : "The run failed with exit code " + run.exitCode() + ".").append('\n');
        b.append("Command: ").append(String.join(" ", run.commandLine())).append('\n');
        b.append("User and host: ").append(run.user()).append(" on ").append(run.host()).append('\n');
        run.runId().ifPresent(id -> b.append("Run: ").append(id).append(" (java -jar pipeline.jar history ").append(id)
                .append(")\n"));
        run.result().unhandledError().ifPresent(e -> b.append("The driver failed: ").append(e).append('\n'));
        if (!failed.isEmpty()) {
            b.append("\nFailed tasks:\n");
            for (TaskOutcome o : failed) {
                b.append("  ").append(o.id().display()).append('\n');
                b.append("    ").append(o.error() == null ? "(no error recorded)" : o.error()).append('\n');
            }
        }
        b.append('\n').append(summary());
        return b.toString();
    }

    public ObjectNode json() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("status", succeeded() ? "succeeded" : "failed");
        root.put("exitCode", run.exitCode());
        Verdict verdict = Verdict.of(run.result());
        root.put("face", verdict.face());
        root.put("reason", verdict.reason());
        run.runId().ifPresent(id -> root.put("runId", id));
        ArrayNode args = root.putArray("commandLine");
        run.commandLine().forEach(args::add);
        root.put("user", run.user());
        root.put("host", run.host());
        root.put("start", run.start().toString());
        root.put("end", run.end().toString());
        run.result().unhandledError().ifPresent(e -> root.put("driverError", e));
        ArrayNode tasks = root.putArray("failedTasks");
        for (TaskOutcome o : failed) {
            ObjectNode t = tasks.addObject();
            t.put("id", o.id().value());
            t.put("display", o.id().display());
            t.put("attempts", o.attempts());
            if (o.error() != null) {
                t.put("error", o.error());
            }
        }
        root.put("summary", summary());
        return root;
    }
}
