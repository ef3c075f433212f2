package io.cascata.core.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.cascata.core.json.Json;
import io.cascata.core.run.TaskOutcome;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The history's records as JSON and back. Written field by field through a streaming generator:
 * a run of 110,001 tasks writes as many lines at its end, and no tree or intermediate object per
 * line is made for them.
 */
final class HistoryJson {

    private HistoryJson() {
    }

    static void write(RunRecord run, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("runId", run.runId());
        g.writeArrayFieldStart("commandLine");
        for (String arg : run.commandLine()) {
            g.writeString(arg);
        }
        g.writeEndArray();
        g.writeStringField("user", run.user());
        g.writeStringField("host", run.host());
        g.writeStringField("start", run.start().toString());
        if (run.end().isPresent()) {
            g.writeStringField("end", run.end().get().toString());
        }
        if (run.exitCode().isPresent()) {
            g.writeNumberField("exitCode", run.exitCode().get());
        }
        if (run.face().isPresent()) {
            g.writeStringField("face", run.face().get());
        }
        if (run.verdict().isPresent()) {
            g.writeStringField("verdict", run.verdict().get());
        }
        if (!run.counts().isEmpty()) {
            g.writeObjectFieldStart("counts");
            for (Map.Entry<String, Integer> e : new TreeMap<>(run.counts()).entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        if (run.driverError().isPresent()) {
            g.writeStringField("driverError", run.driverError().get());
        }
        g.writeEndObject();
    }

    static RunRecord run(JsonNode n) {
        List<String> args = new ArrayList<>();
        n.path("commandLine").forEach(a -> args.add(a.asText()));
        Map<String, Integer> counts = new LinkedHashMap<>();
        n.path("counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
        return new RunRecord(n.path("runId").asText(), args, n.path("user").asText(), n.path("host").asText(),
                Instant.parse(n.path("start").asText()), text(n, "end").map(Instant::parse),
                n.has("exitCode") ? Optional.of(n.get("exitCode").asInt()) : Optional.empty(),
                text(n, "face"), text(n, "verdict"), counts, text(n, "driverError"));
    }

    static void write(AttemptRecord a, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("task", a.task());
        g.writeNumberField("attempt", a.attempt());
        g.writeNumberField("start", a.startMillis());
        g.writeNumberField("millis", a.millis());
        g.writeBooleanField("ok", a.ok());
        if (a.error().isPresent()) {
            g.writeStringField("error", a.error().get());
        }
        g.writeEndObject();
    }

    static AttemptRecord attempt(JsonNode n) {
        return new AttemptRecord(n.path("task").asText(), n.path("attempt").asInt(), n.path("start").asLong(),
                n.path("millis").asLong(), n.path("ok").asBoolean(), text(n, "error"));
    }

    /** A task's line, straight from the driver's outcome. */
    static void write(TaskOutcome o, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", o.id().value());
        g.writeStringField("display", o.id().display());
        g.writeStringField("family", o.id().family());
        g.writeStringField("state", o.state().name());
        if (o.reason() != null) {
            g.writeStringField("pendingReason", o.reason().words());
        }
        g.writeNumberField("attempts", o.attempts());
        g.writeNumberField("millis", o.runTime().toMillis());
        if (o.error() != null) {
            g.writeStringField("error", o.error());
        }
        if (!o.details().isEmpty()) {
            g.writeObjectFieldStart("details");
            for (Map.Entry<String, String> e : new TreeMap<>(o.details()).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    static TaskRecord task(JsonNode n) {
        Map<String, String> details = new LinkedHashMap<>();
        n.path("details").fields().forEachRemaining(e -> details.put(e.getKey(), e.getValue().asText()));
        return new TaskRecord(n.path("id").asText(), n.path("display").asText(), n.path("family").asText(),
                n.path("state").asText(), text(n, "pendingReason"), n.path("attempts").asInt(),
                n.path("millis").asLong(), text(n, "error"), details);
    }

    static JsonNode parse(String line) throws IOException {
        return Json.mapper().readTree(line);
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }
}
