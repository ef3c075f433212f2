package io.cascata.core.summary;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascata.core.json.Json;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The summary's facts as JSON, for scripts and CI: every task with its id, family, parameters,
 * state, pending reason, failure reason ({@code ERROR}, {@code TIMED_OUT} or {@code INTERRUPTED}),
 * attempts, run time, error and executor details, plus the verdict and the exit code.
 */
public final class SummaryJson {

    private SummaryJson() {
    }

    /** The JSON document. */
    public static ObjectNode toJson(RunResult result, int exitCode) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("scheduled", result.outcomes().size());
        root.put("exitCode", exitCode);
        Verdict verdict = Verdict.of(result);
        root.put("face", verdict.face());
        root.put("reason", verdict.reason());
        root.put("elapsedSeconds", result.elapsed().toMillis() / 1000.0);
        result.unhandledError().ifPresent(e -> root.put("driverError", e));
        ArrayNode tasks = root.putArray("tasks");
        for (TaskOutcome o : result.outcomes()) {
            ObjectNode t = tasks.addObject();
            t.put("id", o.id().value());
            t.put("display", o.id().display());
            t.put("family", o.id().family());
            ObjectNode params = t.putObject("params");
            o.id().parameters().forEach(params::put);
            t.put("state", o.state().name());
            if (o.reason() != null) {
                t.put("pendingReason", o.reason().words());
                var all = t.putArray("pendingReasons");
                for (io.cascata.core.run.PendingReason r : io.cascata.core.run.PendingReason.values()) {
                    if (o.reasons().contains(r)) {
                        all.add(r.words());
                    }
                }
            }
            if (o.failure() != null) {
                t.put("failure", o.failure().name());
            }
            t.put("attempts", o.attempts());
            t.put("runSeconds", o.runTime().toMillis() / 1000.0);
            if (o.error() != null) {
                t.put("error", o.error());
            }
            if (!o.details().isEmpty()) {
                ObjectNode details = t.putObject("details");
                new java.util.TreeMap<>(o.details()).forEach(details::put);
            }
        }
        return root;
    }

    /** Writes the JSON document to a file, creating its directory. */
    public static void write(RunResult result, int exitCode, Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), toJson(result, exitCode));
    }
}
