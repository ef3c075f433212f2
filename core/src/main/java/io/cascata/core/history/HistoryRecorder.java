package io.cascata.core.history;

import io.cascata.core.TaskId;
import io.cascata.core.run.ErrorText;
import io.cascata.core.run.Event;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskEvent;
import io.cascata.core.run.TaskListener;
import io.cascata.core.run.TaskOutcome;
import io.cascata.core.run.TaskState;
import io.cascata.core.summary.Verdict;
import io.cascata.core.targets.LocalStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Records one run into a {@link RunHistory}: the run's record when it starts; as the run goes,
 * each task that completes (with its last attempt) and each attempt that fails, encoded by the
 * recorder's own thread and written every {@code flush-every}, so that a killed run leaves what
 * it did; at the end, the tasks that did not complete, each family's counts, the tasks' own logs
 * and the run's verdict. A task is encoded once: a big run's end has only what did not run left
 * to write.
 * It listens to the driver's events; a history that cannot be written is logged and never
 * changes the run.
 *
 * <p>While an attempt runs, the worker thread's MDC names the task's log file (see
 * {@link TaskLogs}); the driver's worker threads end with the run.
 */
public final class HistoryRecorder implements TaskListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryRecorder.class);
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * How often the recorder's thread encodes the attempts that ended: often enough that a big
     * run's end finds little left to encode, seldom enough to cost nothing on small ones.
     */
    private static final Duration TICK = Duration.ofSeconds(1);

    /**
     * Encoded attempts are written once they reach this size, whatever {@code flush-every} says:
     * between two flushes a big run would otherwise hold tens of megabytes of them.
     */
    private static final int CHUNK_BYTES = 8 << 20;

    /**
     * How long closing waits for the run's end to be written: a history on a file system that
     * stopped answering must not keep the process from exiting.
     */
    private static final Duration END_WAIT = Duration.ofMinutes(5);

    private final RunHistory history;
    private final HistorySettings settings;
    private final RunRecord started;
    private final Path logDirectory;
    private final boolean logsInPlace;
    private final String logPrefix;
    private final ConcurrentLinkedQueue<Ended> pending = new ConcurrentLinkedQueue<>();
    /** The numbers in the run of the tasks whose last attempt failed (the end's line names their log file). */
    private final ConcurrentHashMap<TaskId, Integer> failed = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    private final long flushEveryNanos;
    /** The failed attempts encoded since the last file of them was written. */
    private final JsonLines failedAttempts = new JsonLines(); // guarded by this
    /** The completed tasks encoded since the last file of them was written. */
    private final JsonLines completedTasks = new JsonLines(); // guarded by this
    private long lastWrite = System.nanoTime(); // guarded by this
    private int attemptChunks; // guarded by this
    private int taskChunks; // guarded by this
    private boolean healthy = true; // guarded by this: after one failed write, the run stops trying
    private ScheduledFuture<?> ticks; // guarded by this
    private Future<?> end; // guarded by this: the recording of the run's end, once finish() started it

    private HistoryRecorder(RunHistory history, HistorySettings settings, RunRecord started, Path logDirectory,
            boolean logsInPlace) {
        this.history = history;
        this.settings = settings;
        this.started = started;
        this.logDirectory = logDirectory;
        this.logsInPlace = logsInPlace;
        this.logPrefix = logDirectory.toString() + java.io.File.separator;
        this.flushEveryNanos = Math.max(1, settings.flushEvery().toNanos());
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cascata-history");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts recording a run: writes its record (with no end yet) and schedules the periodic
     * flushes. Returns empty, after logging why, when the history cannot be written.
     */
    public static Optional<HistoryRecorder> start(HistorySettings settings, String workspace, List<String> commandLine,
            String user, String host) {
        if (settings.disabled()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        String runId = ID_TIME.format(now) + "-" + Integer.toHexString(0x10000 + ThreadLocalRandom.current().nextInt(0xf0000));
        RunRecord record = RunRecord.started(runId, commandLine, user, host, now);
        try {
            RunHistory history = RunHistory.at(settings.root(workspace));
            history.write(record);
            Path logs;
            // On the local disk the backend appends to the history's own files; elsewhere to local
            // files that are copied in at the end.
            boolean inPlace = history.storage() == LocalStorage.INSTANCE;
            if (inPlace) {
                logs = Path.of(history.runDirectory(runId)).resolve(RunHistory.LOGS);
            } else {
                logs = Files.createTempDirectory("cascata-task-logs-" + runId);
            }
            HistoryRecorder recorder = new HistoryRecorder(history, settings, record, logs, inPlace);
            long tick = Math.max(1, Math.min(TICK.toMillis(), settings.flushEvery().toMillis()));
            synchronized (recorder) {
                recorder.ticks = recorder.flusher.scheduleWithFixedDelay(recorder::tick, tick, tick, TimeUnit.MILLISECONDS);
            }
            return Optional.of(recorder);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot record this run in the history at {}: {}", settings.root(workspace), e.toString());
            LOG.debug("history failure", e);
            return Optional.empty();
        }
    }

    /** The run's id. */
    public String runId() {
        return started.runId();
    }

    /** Where the run is recorded. */
    public String location() {
        return history.runDirectory(started.runId());
    }

    /**
     * The local file the log lines of the task with this family and number in the run
     * ({@link TaskEvent#number()}) go to during this run (the backend appends to it); it is in
     * the history itself when that is on the local disk, else copied there at the end.
     */
    public Path taskLog(String family, int number) {
        return logDirectory.resolve(TaskLogs.fileName(family, number));
    }

    @Override
    public boolean accepts(Event type) {
        return type == Event.START || type == Event.SUCCESS || type == Event.FAILURE;
    }

    @Override
    public void onEvent(TaskEvent event) {
        // On the worker thread, between a task's code and the next: kept to the log file's path
        // (named by the task's number in the run: no hash) and one small object per attempt's end;
        // JSON and error texts are made by the recorder's thread. The event says which attempt
        // it is and how long it ran, so nothing is kept per task between its start and its end.
        if (event.type() == Event.START) {
            MDC.put(TaskLogs.MDC_KEY, logPrefix + TaskLogs.fileName(event.id().family(), event.number()));
            return;
        }
        // The log key stays until the thread's next START: the task's own handlers of SUCCESS
        // and PROCESSING_TIME run after this listener and log on this thread.
        boolean success = event.type() == Event.SUCCESS;
        long millis = event.processingTime() == null ? 0 : event.processingTime().toMillis();
        pending.add(new Ended(event.id(), event.number(), event.attempt(), System.currentTimeMillis() - millis, millis,
                success, success ? null : event.error(), success ? event.details() : Map.of()));
        if (success) {
            failed.remove(event.id());
        } else {
            failed.put(event.id(), event.number());
        }
    }

    /**
     * One attempt as recorded on the worker thread: a success completes its task, whose line it
     * becomes; a failure is an attempt line of its own.
     */
    private record Ended(TaskId id, int number, int attempt, long startMillis, long millis, boolean success,
            Throwable error, Map<String, String> details) {

        void encodeInto(JsonLines failedAttempts, JsonLines completedTasks) {
            String log = TaskLogs.fileName(id.family(), number);
            if (success) {
                HistoryJson.writeCompleted(id, attempt, startMillis, millis, details, log, completedTasks);
            } else {
                HistoryJson.write(new AttemptRecord(id.value(), attempt, startMillis, millis, false,
                        Optional.of(ErrorText.of(error)), Optional.of(log)), failedAttempts);
            }
        }
    }

    /**
     * The recorder's thread, every {@link #TICK} at most: encodes the attempts that ended since
     * the last tick, and every {@code flush-every} (or once they are {@link #CHUNK_BYTES}) writes
     * what is encoded as a file of its own.
     */
    private void tick() {
        try {
            encodeAndFlushIfDue();
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: log, and keep ticking.
            LOG.warn("history: {}", e.toString());
            LOG.debug("history failure", e);
        }
    }

    private void encodeAndFlushIfDue() {
        encode();
        boolean large;
        synchronized (this) {
            large = failedAttempts.bytes() + completedTasks.bytes() >= CHUNK_BYTES;
        }
        if (large || System.nanoTime() - lastWrite >= flushEveryNanos) {
            flush();
        }
    }

    /** Encodes the attempts that ended since the last call. */
    private void encode() {
        synchronized (this) {
            for (Ended a = pending.poll(); a != null; a = pending.poll()) {
                if (healthy) {
                    try {
                        a.encodeInto(failedAttempts, completedTasks);
                    } catch (RuntimeException e) {
                        // One record that cannot be encoded is left out; the others still are.
                        failedAttempts.abandonLine();
                        completedTasks.abandonLine();
                        LOG.warn("history: cannot record attempt {} of {}: {}", a.attempt(), a.id(), e.toString());
                        LOG.debug("history failure", e);
                    }
                }
            }
        }
    }

    /** Writes what was encoded since the last flush: a file of completed tasks, a file of failed attempts. */
    void flush() {
        encode();
        synchronized (this) {
            lastWrite = System.nanoTime();
            if (!healthy) {
                return;
            }
            try {
                if (completedTasks.size() > 0) {
                    history.writeCompletedTasks(started.runId(), ++taskChunks, completedTasks);
                }
                if (failedAttempts.size() > 0) {
                    history.writeAttempts(started.runId(), ++attemptChunks, failedAttempts);
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }
    }

    /**
     * Starts recording the run's end on the recorder's thread: the last attempts, every task,
     * the logs, the verdict; then applies retention. It runs while the caller prints its summary;
     * {@link #close()} waits for it.
     */
    public void finish(RunResult result, int exitCode) {
        synchronized (this) {
            if (end != null) {
                return;
            }
            if (ticks != null) {
                ticks.cancel(false);
            }
            try {
                end = flusher.submit(() -> recordEnd(result, exitCode));
            } catch (RejectedExecutionException closed) {
                end = CompletableFuture.completedFuture(null); // closed already: the run stays unfinished
            }
        }
    }

    private void recordEnd(RunResult result, int exitCode) {
        flush();
        synchronized (this) {
            if (!healthy) {
                return;
            }
            try {
                // Those that completed were written as they did; those whose last attempt failed
                // have their number here, which names their log file.
                history.writeTasks(started.runId(), result.outcomes().stream()
                        .filter(o -> o.state() != TaskState.COMPLETED).toList(), o -> {
                            Integer number = failed.get(o.id());
                            return number == null ? null : TaskLogs.fileName(o.id().family(), number);
                        });
                history.writeFamilies(started.runId(), families(result));
                if (!logsInPlace) {
                    copyLogs();
                }
                Verdict verdict = Verdict.of(result);
                history.write(started.ended(Instant.now(), exitCode, verdict.face(), verdict.reason(), counts(result),
                        result.unhandledError()));
                int pruned = history.prune(settings.keep());
                if (pruned > 0) {
                    LOG.debug("history: deleted the {} oldest runs", pruned);
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }
    }

    /**
     * Waits (at most {@link #END_WAIT}) for the run's end to be recorded, if {@link #finish} was
     * called, then stops the recorder's thread; without {@code finish} the run stays recorded as
     * not finished, with the attempts flushed so far.
     */
    @Override
    public void close() {
        Future<?> pendingEnd;
        synchronized (this) {
            pendingEnd = end;
            if (pendingEnd == null) {
                end = CompletableFuture.completedFuture(null);
            }
        }
        if (pendingEnd != null) {
            try {
                pendingEnd.get(END_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("the end of this run was not recorded in the history at {}: {}", location(), e.toString());
                LOG.debug("history failure", e);
            }
        }
        flusher.shutdownNow();
        if (!logsInPlace) {
            deleteLocalLogs();
        }
    }

    private void copyLogs() throws IOException {
        if (!Files.isDirectory(logDirectory)) {
            return;
        }
        try (Stream<Path> files = Files.list(logDirectory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".log")) {
                    try (InputStream in = Files.newInputStream(file)) {
                        history.writeLog(started.runId(), name, in);
                    }
                }
            }
        }
    }

    private void deleteLocalLogs() {
        try {
            LocalStorage.INSTANCE.delete(logDirectory.toString());
        } catch (IOException e) {
            LOG.debug("cannot delete {}", logDirectory, e);
        }
    }

    private static Map<String, Integer> counts(RunResult result) {
        Map<TaskState, Integer> byState = new EnumMap<>(TaskState.class);
        for (TaskOutcome o : result.outcomes()) {
            byState.merge(o.state(), 1, Integer::sum);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        byState.forEach((state, n) -> counts.put(state.name(), n));
        return counts;
    }

    private static Map<String, Map<String, Integer>> families(RunResult result) {
        Map<String, Map<String, Integer>> families = new HashMap<>();
        for (TaskOutcome o : result.outcomes()) {
            families.computeIfAbsent(o.id().family(), f -> new HashMap<>()).merge(o.state().name(), 1, Integer::sum);
        }
        return families;
    }

    private void fail(Exception e) {
        healthy = false;
        LOG.warn("cannot write the run history at {}: {}; the run goes on unrecorded", location(), e.toString());
        LOG.debug("history failure", e);
    }
}
