package io.cascata.core.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.cascata.core.json.Json;
import io.cascata.core.TaskId;
import io.cascata.core.run.TaskOutcome;
import io.cascata.core.run.TaskState;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;

/**
 * The history's records as JSON and back. The per-task lines (a run of 110,001 tasks writes as
 * many) are written field by field through {@link JsonLines}, with no tree or intermediate object
 * per line, and read field by field through Jackson's streaming parser; the run's record and
 * the family counts, one small object each, through Jackson's generator.
 */
final class HistoryJson {

    /** The start of a task line that carries none. */
    static final long NO_START = Long.MIN_VALUE;

    /**
     * The history format this code writes and the newest it reads, kept in each run's record. 2:
     * a task line names its task by family and parameters (its id and display text are made
     * from them when read) and names its log file; a run without the field was written in 1,
     * whose task lines held the id and display text and whose log files were named by hash.
     */
    static final int FORMAT = 2;

    private static final JsonLines.Key TASK = JsonLines.key("task");
    private static final JsonLines.Key ATTEMPT = JsonLines.key("attempt");
    private static final JsonLines.Key START = JsonLines.key("start");
    private static final JsonLines.Key MILLIS = JsonLines.key("millis");
    private static final JsonLines.Key OK = JsonLines.key("ok");
    private static final JsonLines.Key ERROR = JsonLines.key("error");
    private static final JsonLines.Key LOG = JsonLines.key("log");
    private static final JsonLines.Key FAMILY = JsonLines.key("family");
    private static final JsonLines.Key PARAMS = JsonLines.key("params");
    private static final JsonLines.Key STATE = JsonLines.key("state");
    private static final JsonLines.Key PENDING_REASON = JsonLines.key("pendingReason");
    private static final JsonLines.Key ATTEMPTS = JsonLines.key("attempts");
    private static final JsonLines.Key DETAILS = JsonLines.key("details");

    private HistoryJson() {
    }

    static void write(RunRecord run, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("runId", run.runId());
        g.writeNumberField("format", FORMAT);
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

    static void write(AttemptRecord a, JsonLines out) {
        out.begin()
                .field(TASK, a.task())
                .field(ATTEMPT, a.attempt())
                .field(START, a.startMillis())
                .field(MILLIS, a.millis())
                .field(OK, a.ok());
        if (a.error().isPresent()) {
            out.field(ERROR, a.error().get());
        }
        if (a.log().isPresent()) {
            out.field(LOG, a.log().get());
        }
        out.end();
    }

    /** A task's line, straight from the driver's outcome; {@code log} is null for a task that did not run. */
    static void write(TaskOutcome o, String log, JsonLines out) {
        writeTask(out, o.id(), o.state().name(), o.reason() == null ? null : o.reason().words(), o.attempts(),
                o.runTime().toMillis(), o.error(), o.details(), NO_START, log);
    }

    /**
     * The line of a task that completed, written as its last attempt ends: it also carries that
     * attempt's start, so that the attempt need not be written a second time.
     */
    static void writeCompleted(TaskId id, int attempts, long startMillis, long millis, Map<String, String> details,
            String log, JsonLines out) {
        writeTask(out, id, TaskState.COMPLETED.name(), null, attempts, millis, null, details, startMillis, log);
    }

    /**
     * The task is named by family and parameters, not by its id text: that text ends with a hash
     * of the parameters, which a big run would make once per task for this line alone.
     */
    private static void writeTask(JsonLines out, TaskId id, String state, String pendingReason, int attempts,
            long millis, String error, Map<String, String> details, long startMillis, String log) {
        out.begin().field(FAMILY, id.family()).beginObject(PARAMS);
        for (Map.Entry<String, String> p : id.parameters().entrySet()) {
            out.field(p.getKey(), p.getValue());
        }
        out.endObject().field(STATE, state);
        if (pendingReason != null) {
            out.field(PENDING_REASON, pendingReason);
        }
        out.field(ATTEMPTS, attempts).field(MILLIS, millis);
        if (startMillis != NO_START) {
            out.field(START, startMillis);
        }
        if (error != null) {
            out.field(ERROR, error);
        }
        if (!details.isEmpty()) {
            out.beginObject(DETAILS);
            for (Map.Entry<String, String> e : new TreeMap<>(details).entrySet()) {
                out.field(e.getKey(), e.getValue());
            }
            out.endObject();
        }
        if (log != null) {
            out.field(LOG, log);
        }
        out.end();
    }

    /**
     * Reads the task lines of a {@code tasks.jsonl} field by field: a 110,001-task run's file is
     * read in a fraction of the time a tree per line takes. Unknown fields are skipped.
     */
    static void readTasks(JsonParser p, Consumer<TaskRecord> sink) throws IOException {
        readTaskLines(p, (task, start) -> sink.accept(task));
    }

    /**
     * Reads task lines as {@link #readTasks(JsonParser, Consumer)} does, with the start of the last
     * attempt where the line has it ({@link #writeCompleted}), else {@link #NO_START}.
     */
    static void readTaskLines(JsonParser p, ObjLongConsumer<TaskRecord> sink) throws IOException {
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String id = "";
            String display = "";
            String family = "";
            Map<String, String> params = null;
            String log = null;
            String state = "";
            String pendingReason = null;
            int attempts = 0;
            long millis = 0;
            String error = null;
            long start = NO_START;
            Map<String, String> details = Map.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id" -> id = p.getValueAsString("");
                    case "display" -> display = p.getValueAsString("");
                    case "family" -> family = p.getValueAsString("");
                    case "params" -> params = stringMap(p, value);
                    case "log" -> log = p.getValueAsString();
                    case "state" -> state = p.getValueAsString("");
                    case "pendingReason" -> pendingReason = p.getValueAsString();
                    case "attempts" -> attempts = p.getValueAsInt();
                    case "millis" -> millis = p.getValueAsLong();
                    case "start" -> start = p.getValueAsLong();
                    case "error" -> error = p.getValueAsString();
                    case "details" -> details = stringMap(p, value);
                    default -> p.skipChildren();
                }
            }
            if (params != null) {
                TaskId taskId = new TaskId(family, params);
                id = taskId.value();
                display = taskId.display();
            } else if (!id.isEmpty()) {
                log = TaskLogs.hashedFileName(family, id); // format 1
            }
            sink.accept(new TaskRecord(id, display, family, state, Optional.ofNullable(pendingReason), attempts,
                    millis, Optional.ofNullable(error), details, Optional.ofNullable(log)), start);
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
            String log = null;
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
                    case "log" -> log = p.getValueAsString();
                    default -> p.skipChildren();
                }
            }
            sink.accept(new AttemptRecord(task, attempt, start, millis, ok, Optional.ofNullable(error),
                    Optional.ofNullable(log)));
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
