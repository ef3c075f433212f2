package io.cascata.core.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import java.util.function.Consumer;

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

    /**
     * Reads the task lines of a {@code tasks.jsonl} field by field: a 110,001-task run's file is
     * read in a fraction of the time a tree per line takes. Unknown fields are skipped.
     */
    static void readTasks(JsonParser p, Consumer<TaskRecord> sink) throws IOException {
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String id = "";
            String display = "";
            String family = "";
            String state = "";
            String pendingReason = null;
            int attempts = 0;
            long millis = 0;
            String error = null;
            Map<String, String> details = Map.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id" -> id = p.getValueAsString("");
                    case "display" -> display = p.getValueAsString("");
                    case "family" -> family = p.getValueAsString("");
                    case "state" -> state = p.getValueAsString("");
                    case "pendingReason" -> pendingReason = p.getValueAsString();
                    case "attempts" -> attempts = p.getValueAsInt();
                    case "millis" -> millis = p.getValueAsLong();
                    case "error" -> error = p.getValueAsString();
                    case "details" -> details = stringMap(p, value);
                    default -> p.skipChildren();
                }
            }
            sink.accept(new TaskRecord(id, display, family, state, Optional.ofNullable(pendingReason), attempts,
                    millis, Optional.ofNullable(error), details));
        }
    }

    /** Reads the attempt lines of an {@code attempts-NNNNN.jsonl} field by field (see {@link #readTasks}). */
    static void readAttempts(JsonParser p, Consumer<AttemptRecord> sink) throws IOException {
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String task = "";
            int attempt = 0;
            long start = 0;
            long millis = 0;
            boolean ok = false;
            String error = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "task" -> task = p.getValueAsString("");
                    case "attempt" -> attempt = p.getValueAsInt();
                    case "start" -> start = p.getValueAsLong();
                    case "millis" -> millis = p.getValueAsLong();
                    case "ok" -> ok = p.getValueAsBoolean();
                    case "error" -> error = p.getValueAsString();
                    default -> p.skipChildren();
                }
            }
            sink.accept(new AttemptRecord(task, attempt, start, millis, ok, Optional.ofNullable(error)));
        }
    }

    /** The tasks of each family by state, as {@code families.json} holds them. */
    static void write(Map<String, Map<String, Integer>> families, JsonGenerator g) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Map<String, Integer>> family : new TreeMap<>(families).entrySet()) {
            g.writeObjectFieldStart(family.getKey());
            for (Map.Entry<String, Integer> e : new TreeMap<>(family.getValue()).entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    static Map<String, Map<String, Integer>> families(JsonNode n) {
        Map<String, Map<String, Integer>> families = new TreeMap<>();
        n.fields().forEachRemaining(f -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            f.getValue().fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
            families.put(f.getKey(), counts);
        });
        return families;
    }

    private static Map<String, String> stringMap(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            p.skipChildren();
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            map.put(key, p.getValueAsString(""));
        }
        return map;
    }

    static JsonNode parse(String line) throws IOException {
        return Json.mapper().readTree(line);
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }
}
