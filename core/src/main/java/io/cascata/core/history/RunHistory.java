package io.cascata.core.history;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.cascata.core.json.Json;
import io.cascata.core.run.TaskOutcome;
import io.cascata.core.targets.Storage;
import io.cascata.core.targets.StorageEntry;
import io.cascata.core.targets.Storages;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The run history on one file system (the local disk, HDFS, ... through {@link Storage}): one
 * directory per run, named by its run id, holding
 * <ul>
 * <li>{@code run.json}: the {@link RunRecord};</li>
 * <li>{@code tasks-NNNNN.jsonl}: a {@link TaskRecord} per task that completed, written as its last
 * attempt ended (one file per flush while the run goes), with that attempt's start;</li>
 * <li>{@code attempts-NNNNN.jsonl}: the {@link AttemptRecord}s of attempts that failed, one file per
 * flush;</li>
 * <li>{@code tasks.jsonl}: a {@link TaskRecord} per task that did not complete in the run (complete
 * already, failed, left pending, ...), written at the end; the run's end is recorded once it
 * exists;</li>
 * <li>{@code families.json}: how many tasks of each family ended in each state, written at the end;</li>
 * <li>{@code logs/FAMILY-N.log}: each task's own log lines, when the logging backend routes them
 * (see {@link TaskLogs}); N is the task's number in the run, and the task's line names its file.</li>
 * </ul>
 * Every file is written under a hidden name and renamed into place, so a reader never sees half
 * of one. Run directories sort by name in the order the runs started.
 */
public final class RunHistory {

    static final String RUN_FILE = "run.json";
    static final String TASKS_FILE = "tasks.jsonl";
    static final String FAMILIES_FILE = "families.json";
    static final String ATTEMPTS_PREFIX = "attempts-";
    static final String TASKS_PREFIX = "tasks-";
    static final String LOGS = "logs";

    /**
     * Writing needs only Jackson's streaming core: a run that records its history does not pay
     * for setting up the object mapper (a few hundred milliseconds of class loading) when
     * nothing else in it uses JSON. The big files are read with it too, field by field.
     */
    private static final JsonFactory WRITER = new JsonFactory();
    /** How much of the end's task lines is held before it is written out. */
    private static final int DRAIN_BYTES = 1 << 20;

    private final Storage storage;
    private final String root;

    private RunHistory(Storage storage, String root) {
        this.storage = storage;
        this.root = root;
    }

    /** The history kept at a directory or URI. */
    public static RunHistory at(String root) {
        Storage storage = Storages.forLocation(root);
        return new RunHistory(storage, storage.qualify(root));
    }

    Storage storage() {
        return storage;
    }

    /** Where this history is. */
    public String root() {
        return root;
    }

    String runDirectory(String runId) {
        return storage.child(root, runId);
    }

    void write(RunRecord run) throws IOException {
        publish(runDirectory(run.runId()), RUN_FILE, g -> HistoryJson.write(run, g));
    }

    /** Writes failed attempts already encoded as JSON lines as the run's chunk number {@code chunk}; empties {@code lines}. */
    void writeAttempts(String runId, int chunk, JsonLines lines) throws IOException {
        publishBytes(runDirectory(runId), chunkName(ATTEMPTS_PREFIX, chunk), lines::drainTo);
    }

    /** Writes the lines of completed tasks already encoded as the run's chunk number {@code chunk}; empties {@code lines}. */
    void writeCompletedTasks(String runId, int chunk, JsonLines lines) throws IOException {
        publishBytes(runDirectory(runId), chunkName(TASKS_PREFIX, chunk), lines::drainTo);
    }

    private static String chunkName(String prefix, int chunk) {
        return String.format("%s%05d.jsonl", prefix, chunk);
    }

    /** Writes the end's task lines; {@code logOf} names a task's log file, or gives null for a task that did not run. */
    void writeTasks(String runId, List<TaskOutcome> outcomes, Function<TaskOutcome, String> logOf) throws IOException {
        publishBytes(runDirectory(runId), TASKS_FILE, out -> {
            JsonLines lines = new JsonLines();
            for (TaskOutcome o : outcomes) {
                HistoryJson.write(o, logOf.apply(o), lines);
                if (lines.bytes() >= DRAIN_BYTES) {
                    lines.drainTo(out);
                }
            }
            lines.drainTo(out);
        });
    }

    void writeFamilies(String runId, Map<String, Map<String, Integer>> families) throws IOException {
        publish(runDirectory(runId), FAMILIES_FILE, g -> HistoryJson.write(families, g));
    }

    /** Copies one task's log (named as {@link TaskLogs#fileName} names it) into the run's logs directory. */
    void writeLog(String runId, String fileName, InputStream log) throws IOException {
        String dir = storage.child(runDirectory(runId), LOGS);
        String tmp = storage.child(dir, "." + fileName + ".tmp");
        try (OutputStream out = storage.create(tmp)) {
            log.transferTo(out);
        }
        storage.renameFile(tmp, storage.child(dir, fileName));
    }

    /** The runs kept, newest first; a directory without a readable record is skipped. */
    public List<RunRecord> runs() throws IOException {
        List<RunRecord> runs = new ArrayList<>();
        for (String id : runIds()) {
            run(id).ifPresent(runs::add);
        }
        return runs;
    }

    /** One run's record, if the history has it. */
    public Optional<RunRecord> run(String runId) throws IOException {
        if (runId.isEmpty() || runId.startsWith(".") || runId.contains("/")) {
            return Optional.empty();
        }
        String file = storage.child(runDirectory(runId), RUN_FILE);
        if (storage.stat(file).isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = lines(file);
        return lines.isEmpty() ? Optional.empty() : Optional.of(HistoryJson.run(HistoryJson.parse(lines.get(0))));
    }

    /**
     * A run's tasks as recorded by its end: those that did not complete first, then those that
     * did, in the order they completed; none for a run that did not end.
     */
    public List<TaskRecord> tasks(String runId) throws IOException {
        checkFormat(runId);
        String file = storage.child(runDirectory(runId), TASKS_FILE);
        List<TaskRecord> tasks = new ArrayList<>();
        if (storage.stat(file).isEmpty()) {
            return tasks;
        }
        try (JsonParser p = WRITER.createParser(storage.open(file))) {
            HistoryJson.readTasks(p, tasks::add);
        }
        // A task stopped between its success and its settling is in both: the end's line holds.
        // A task that completed twice (its retry ran after a success handler failed): the last.
        Set<String> ended = new HashSet<>();
        tasks.forEach(t -> ended.add(t.id()));
        Map<String, TaskRecord> completed = new LinkedHashMap<>();
        for (String chunk : chunks(runId, TASKS_PREFIX)) {
            try (JsonParser p = WRITER.createParser(storage.open(storage.child(runDirectory(runId), chunk)))) {
                HistoryJson.readTaskLines(p, (task, start) -> {
                    if (!ended.contains(task.id())) {
                        completed.put(task.id(), task);
                    }
                });
            }
        }
        tasks.addAll(completed.values());
        return tasks;
    }

    /**
     * A run's tasks of each family by state, as recorded at its end (a small file, so that a
     * page shows a big run's families without reading every task); empty for a run that did not
     * end or was recorded before this file was.
     */
    public Optional<Map<String, Map<String, Integer>>> families(String runId) throws IOException {
        String file = storage.child(runDirectory(runId), FAMILIES_FILE);
        if (storage.stat(file).isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = storage.open(file)) {
            return Optional.of(HistoryJson.families(Json.mapper().readTree(in)));
        }
    }

    /**
     * A run's attempts, in the order they ended: the failed ones as written, the last one of
     * each completed task from that task's line.
     */
    public List<AttemptRecord> attempts(String runId) throws IOException {
        checkFormat(runId);
        List<AttemptRecord> attempts = new ArrayList<>();
        for (String chunk : chunks(runId, ATTEMPTS_PREFIX)) {
            try (JsonParser p = WRITER.createParser(storage.open(storage.child(runDirectory(runId), chunk)))) {
                HistoryJson.readAttempts(p, attempts::add);
            }
        }
        for (String chunk : chunks(runId, TASKS_PREFIX)) {
            try (JsonParser p = WRITER.createParser(storage.open(storage.child(runDirectory(runId), chunk)))) {
                HistoryJson.readTaskLines(p, (task, start) -> {
                    if (start != HistoryJson.NO_START) {
                        attempts.add(new AttemptRecord(task.id(), task.attempts(), start, task.millis(), true,
                                Optional.empty(), task.log()));
                    }
                });
            }
        }
        attempts.sort(Comparator.comparingLong(a -> a.startMillis() + a.millis()));
        return attempts;
    }

    /**
     * Refuses a run recorded in a newer format than this code reads, rather than show its tasks
     * wrong; a run without a record, or recorded before formats were numbered, passes.
     */
    private void checkFormat(String runId) throws IOException {
        String file = storage.child(runDirectory(runId), RUN_FILE);
        if (storage.stat(file).isEmpty()) {
            return;
        }
        List<String> lines = lines(file);
        int format = lines.isEmpty() ? 1 : HistoryJson.parse(lines.get(0)).path("format").asInt(1);
        if (format > HistoryJson.FORMAT) {
            throw new IOException("run " + runId + " was recorded in history format " + format
                    + "; this Cascata reads formats up to " + HistoryJson.FORMAT + ": read it with a newer one");
        }
    }

    /** The names of a run's chunk files with this prefix, in the order they were written. */
    private List<String> chunks(String runId, String prefix) throws IOException {
        List<String> chunks = new ArrayList<>();
        for (StorageEntry e : storage.list(runDirectory(runId))) {
            if (!e.directory() && e.name().startsWith(prefix) && e.name().endsWith(".jsonl")) {
                chunks.add(e.name());
            }
        }
        chunks.sort(Comparator.naturalOrder());
        return chunks;
    }

    /**
     * One task's log lines in a run, if any were recorded: {@code fileName} is the name its
     * {@link TaskRecord#log()} or {@link AttemptRecord#log()} gives.
     */
    public Optional<String> log(String runId, String fileName) throws IOException {
        if (fileName.isEmpty() || fileName.startsWith(".") || fileName.contains("/")) {
            return Optional.empty();
        }
        String file = storage.child(storage.child(runDirectory(runId), LOGS), fileName);
        if (storage.stat(file).isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = storage.open(file)) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Deletes the oldest runs so that at most {@code keep} remain; returns how many went. */
    int prune(int keep) throws IOException {
        List<String> ids = runIds();
        int deleted = 0;
        for (int i = keep; i < ids.size(); i++) {
            storage.delete(runDirectory(ids.get(i)));
            deleted++;
        }
        return deleted;
    }

    /** The run ids, newest first. */
    List<String> runIds() throws IOException {
        List<String> ids = new ArrayList<>();
        for (StorageEntry e : storage.list(root)) {
            if (e.directory() && !e.name().startsWith(".")) {
                ids.add(e.name());
            }
        }
        ids.sort(Comparator.reverseOrder());
        return ids;
    }

    private List<String> lines(String file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(storage.open(file), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /** Writes a file of JSON lines under a hidden name and renames it into place. */
    private void publish(String directory, String name, Lines lines) throws IOException {
        publishBytes(directory, name, out -> {
            try (JsonGenerator g = WRITER.createGenerator(out, JsonEncoding.UTF8)) {
                g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
                lines.write(g);
                g.writeRaw('\n');
            }
        });
    }

    /** Writes a file under a hidden name and renames it into place. */
    private void publishBytes(String directory, String name, Body body) throws IOException {
        String tmp = storage.child(directory, "." + name + ".tmp");
        String target = storage.child(directory, name);
        OutputStream raw = storage.create(tmp);
        try (OutputStream out = new BufferedOutputStream(raw, 1 << 16)) {
            body.write(out);
        } catch (IOException | RuntimeException e) {
            storage.discard(raw, tmp);
            storage.delete(tmp);
            throw e;
        }
        storage.renameFile(tmp, target);
    }

    /** Writes the lines of one file. */
    @FunctionalInterface
    private interface Lines {
        void write(JsonGenerator g) throws IOException;
    }

    /** Writes the bytes of one file. */
    @FunctionalInterface
    private interface Body {
        void write(OutputStream out) throws IOException;
    }
}
