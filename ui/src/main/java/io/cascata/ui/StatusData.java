package io.cascata.ui;

import io.cascata.core.history.AttemptRecord;
import io.cascata.core.history.RunHistory;
import io.cascata.core.history.RunRecord;
import io.cascata.core.history.TaskRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the page's JSON endpoints answer, from the live run (when this process runs one) and the
 * run history (when there is one). Answers are plain maps and lists, made small for big graphs:
 * a run is answered by family with counts per state, and a family's tasks a page at a time.
 */
final class StatusData {

    private static final Logger LOG = LoggerFactory.getLogger(StatusData.class);

    /** The states in the order the page lists them. */
    static final List<String> STATES = List.of(TaskView.RUNNING, "FAILED", "SCHEDULING_FAILED", "MISSING_EXTERNAL",
            "RUN_BY_OTHER_WORKER", "PENDING", "COMPLETED", "ALREADY_DONE");
    static final int MAX_PAGE = 500;
    /** How long the live run's index answers before it is made again: the page looks every second. */
    static final Duration LIVE_FRESH = Duration.ofMillis(300);

    private final Optional<LiveRun> live;
    private final Optional<RunHistory> history;
    /** The last ended run read from the history: the page asks for the same run again and again. */
    private RunIndex cached; // guarded by this
    /** The attempts of {@link #cached}, by task, once a task's page asked for them. */
    private Map<String, List<AttemptRecord>> cachedAttempts; // guarded by this
    /** The live run's last index and when it was made (see {@link #liveIndex}). */
    private final Object liveLock = new Object();
    private RunIndex liveIndex; // guarded by liveLock
    private long liveIndexed; // guarded by liveLock
    /** The run being read ahead, if one is. */
    private String prefetching; // guarded by this
    /** Held while a history run is read, so that requests for it wait for one read rather than each reading it. */
    private final Object indexing = new Object();
    /** Held while a history run's attempts are read, for the same reason; apart, so that a family's page need not wait for them. */
    private final Object readingAttempts = new Object();

    StatusData(Optional<LiveRun> live, Optional<RunHistory> history) {
        this.live = live;
        this.history = history;
    }

    /** The runs, newest first: the live one, then the history's. */
    Map<String, Object> runs() throws IOException {
        List<Object> runs = new ArrayList<>();
        live.ifPresent(l -> runs.add(header(l.record(), true)));
        if (history.isPresent()) {
            for (RunRecord r : history.get().runs()) {
                if (live.isEmpty() || !r.runId().equals(live.get().runId())) {
                    runs.add(header(r, false));
                }
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("live", live.map(LiveRun::runId).orElse(null));
        answer.put("history", history.map(RunHistory::root).orElse(null));
        answer.put("runs", runs);
        return answer;
    }

    /**
     * One run: its record, progress and families with counts per state; empty if there is no
     * such run. An ended run of the history is answered from its small families file, without
     * reading its tasks.
     */
    Optional<Map<String, Object>> run(String runId) throws IOException {
        RunRecord record;
        boolean isLive;
        Map<String, Map<String, Integer>> families;
        Map<String, Integer> total;
        int running;
        if (live.isPresent() && live.get().runId().equals(runId)) {
            RunIndex index = liveIndex();
            record = index.run().record();
            isLive = true;
            families = index.families();
            total = index.totals();
            running = total.getOrDefault(TaskView.RUNNING, 0);
        } else {
            Optional<Map<String, Map<String, Integer>>> recorded = history.isPresent()
                    ? history.get().families(runId) : Optional.empty();
            Optional<RunRecord> found = recorded.isPresent() ? history.get().run(runId) : Optional.empty();
            if (found.isPresent()) {
                prefetch(runId);
                record = found.get();
                families = recorded.get();
                total = new LinkedHashMap<>();
                families.values().forEach(counts -> counts.forEach((state, n) -> total.merge(state, n, Integer::sum)));
            } else {
                Optional<RunIndex> index = index(runId);
                if (index.isEmpty()) {
                    return Optional.empty();
                }
                record = index.get().run().record();
                families = index.get().families();
                total = index.get().totals();
            }
            isLive = false;
            running = 0;
        }
        List<Object> rows = new ArrayList<>();
        families.forEach((family, counts) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("family", family);
            row.put("total", counts.values().stream().mapToInt(Integer::intValue).sum());
            row.put("counts", counts);
            rows.add(row);
        });
        int all = total.values().stream().mapToInt(Integer::intValue).sum();
        int pending = total.getOrDefault("PENDING", 0);
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("total", all);
        progress.put("running", running);
        progress.put("settled", all - pending - running);
        progress.put("counts", total);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("run", header(record, isLive));
        answer.put("progress", progress);
        answer.put("families", rows);
        answer.put("states", STATES);
        return Optional.of(answer);
    }

    /** A page of one family's tasks, optionally in one state, in display order. */
    Optional<Map<String, Object>> tasks(String runId, String family, Optional<String> state, int offset, int limit)
            throws IOException {
        Optional<RunIndex> index = index(runId);
        if (index.isEmpty()) {
            return Optional.empty();
        }
        List<TaskView> chosen = index.get().family(family);
        if (state.isPresent()) {
            chosen = chosen.stream().filter(t -> state.get().equals(t.state())).toList();
        }
        int from = Math.min(Math.max(0, offset), chosen.size());
        int to = Math.min(chosen.size(), from + Math.max(1, Math.min(limit, MAX_PAGE)));
        List<Object> rows = new ArrayList<>();
        for (TaskView t : chosen.subList(from, to)) {
            rows.add(task(t));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("family", family);
        answer.put("total", chosen.size());
        answer.put("offset", from);
        answer.put("tasks", rows);
        return Optional.of(answer);
    }

    /** One task of a run with its attempts and log; empty if the run or the task is unknown. */
    Optional<Map<String, Object>> task(String runId, String taskId) throws IOException {
        Optional<RunIndex> index = index(runId);
        Optional<TaskView> task = index.flatMap(r -> r.task(taskId));
        if (task.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> answer = task(task.get());
        List<Object> attempts = new ArrayList<>();
        Optional<String> log = Optional.empty();
        if (history.isPresent() && history.get().run(runId).isPresent()) {
            for (AttemptRecord a : attempts(runId).getOrDefault(taskId, List.of())) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("attempt", a.attempt());
                row.put("start", a.startMillis());
                row.put("millis", a.millis());
                row.put("ok", a.ok());
                row.put("error", a.error().orElse(null));
                attempts.add(row);
            }
            if (task.get().log().isPresent()) {
                log = history.get().log(runId, task.get().log().get());
            }
        }
        answer.put("attemptList", attempts);
        answer.put("log", log.orElse(null));
        return Optional.of(answer);
    }

    private static Map<String, Object> task(TaskView t) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", t.id());
        row.put("display", t.display());
        row.put("family", t.family());
        row.put("state", t.state());
        row.put("attempts", t.attempts());
        row.put("millis", t.millis());
        row.put("error", t.error().orElse(null));
        row.put("details", t.details());
        return row;
    }

    private static Map<String, Object> header(RunRecord r, boolean live) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", r.runId());
        row.put("live", live);
        row.put("commandLine", String.join(" ", r.commandLine()));
        row.put("user", r.user());
        row.put("host", r.host());
        row.put("start", r.start().toString());
        row.put("end", r.end().map(Object::toString).orElse(null));
        row.put("exitCode", r.exitCode().orElse(null));
        row.put("face", r.face().orElse(null));
        row.put("verdict", r.verdict().orElse(null));
        row.put("counts", r.counts());
        row.put("driverError", r.driverError().orElse(null));
        return row;
    }

    /**
     * A run's tasks indexed: the live one as it stands, else as the history has it (an ended
     * run's index is kept for the next request: the page asks for the same run again and again).
     */
    private Optional<RunIndex> index(String runId) throws IOException {
        if (live.isPresent() && live.get().runId().equals(runId)) {
            return Optional.of(liveIndex());
        }
        if (history.isEmpty()) {
            return Optional.empty();
        }
        synchronized (indexing) {
            synchronized (this) {
                if (cached != null && cached.run().record().runId().equals(runId)) {
                    return Optional.of(cached);
                }
            }
            return read(runId);
        }
    }

    /** Reads and indexes a history run; an ended one is kept (see {@link #index}). */
    private Optional<RunIndex> read(String runId) throws IOException {
        Optional<RunRecord> record = history.get().run(runId);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        List<TaskView> tasks = new ArrayList<>();
        for (TaskRecord t : history.get().tasks(runId)) {
            tasks.add(new TaskView(t.id(), t.display(), t.family(), t.state(), t.attempts(), t.millis(), t.error(),
                    t.details(), t.log()));
        }
        if (tasks.isEmpty()) {
            // A run that did not end has no task list: its attempts say what ran.
            Map<String, AttemptRecord> last = new LinkedHashMap<>();
            history.get().attempts(runId).forEach(a -> last.put(a.task(), a));
            last.values().forEach(a -> tasks.add(new TaskView(a.task(), a.task(), family(a.task()),
                    a.ok() ? "COMPLETED" : "FAILED", a.attempt(), a.millis(), a.error(), Map.of(), a.log())));
        }
        RunIndex index = RunIndex.of(new RunView(record.get(), false, tasks));
        if (record.get().end().isPresent()) {
            synchronized (this) {
                cached = index;
                cachedAttempts = null;
            }
        }
        return Optional.of(index);
    }

    /**
     * The live run indexed as it stands, made again at most every {@link #LIVE_FRESH}: one look
     * of the page asks for the run, a family and a task at once, and on a big graph each index
     * goes over every task.
     */
    private RunIndex liveIndex() {
        synchronized (liveLock) {
            long now = System.nanoTime();
            if (liveIndex == null || now - liveIndexed > LIVE_FRESH.toNanos()) {
                liveIndex = RunIndex.of(live.get().view());
                liveIndexed = now;
            }
            return liveIndex;
        }
    }

    /**
     * A history run's attempts by task, read once for the run whose index is kept (a big run
     * has one file of them per flush), else read for this request.
     */
    private Map<String, List<AttemptRecord>> attempts(String runId) throws IOException {
        synchronized (readingAttempts) {
            synchronized (this) {
                if (cachedAttempts != null && cached != null && cached.run().record().runId().equals(runId)) {
                    return cachedAttempts;
                }
            }
            Map<String, List<AttemptRecord>> byTask = new HashMap<>();
            for (AttemptRecord a : history.get().attempts(runId)) {
                byTask.computeIfAbsent(a.task(), t -> new ArrayList<>(1)).add(a);
            }
            synchronized (this) {
                if (cached != null && cached.run().record().runId().equals(runId)) {
                    cachedAttempts = byTask;
                }
            }
            return byTask;
        }
    }

    /**
     * Reads an ended history run's tasks and attempts on a thread of its own, once its families
     * were shown without them: by the time a person opens a family, its tasks are at hand.
     */
    private void prefetch(String runId) {
        synchronized (this) {
            if (cached != null && cached.run().record().runId().equals(runId) || runId.equals(prefetching)) {
                return;
            }
            prefetching = runId;
        }
        Thread reader = new Thread(() -> {
            try {
                Optional<RunIndex> index = index(runId);
                if (index.isPresent()) {
                    index.get().families().keySet().forEach(index.get()::family); // in display order
                    attempts(runId);
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("status page: reading run {} ahead failed", runId, e);
            } finally {
                synchronized (this) {
                    if (runId.equals(prefetching)) {
                        prefetching = null;
                    }
                }
            }
        }, "cascata-ui-read-ahead");
        reader.setDaemon(true);
        reader.start();
    }

    private static String family(String taskId) {
        int cut = taskId.indexOf('_');
        return cut < 0 ? taskId : taskId.substring(0, cut);
    }
}
