package io.cascata.ui;

import io.cascata.core.Task;
import io.cascata.core.TaskId;
import io.cascata.core.history.RunRecord;
import io.cascata.core.history.TaskLogs;
import io.cascata.core.run.ErrorText;
import io.cascata.core.run.Event;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskEvent;
import io.cascata.core.run.TaskListener;
import io.cascata.core.run.TaskOutcome;
import io.cascata.core.run.TaskState;
import io.cascata.core.summary.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of the run this process is running, kept from the driver's events for the page:
 * each task as it is found (complete or not), started, done or failed; at the end, every task's
 * outcome. Listens only to one event per task and attempt (not to the one per edge).
 */
public final class LiveRun implements TaskListener {

    private final ConcurrentHashMap<Task, Live> tasks = new ConcurrentHashMap<>();
    private volatile RunRecord record;

    /** One task's state, changed by the worker threads. */
    private static final class Live {
        final Task task;
        String state = TaskState.PENDING.name();
        int attempts;
        long startMillis;
        long millis;
        String error;
        Map<String, String> details = Map.of();
        /** The task's number in the run, once it started (it names the task's log file). */
        int number;
        String id;
        String display;
        String family;

        Live(Task task) {
            this.task = task;
        }

        synchronized TaskView view(long now) {
            long took = TaskView.RUNNING.equals(state) ? now - startMillis : millis;
            if (id == null) {
                // made on the page's first look, not on the worker threads, and kept: the page
                // looks every second and a task's id text takes a hash to make
                TaskId taskId = task.id();
                id = taskId.value();
                display = taskId.display();
                family = taskId.family();
            }
            return new TaskView(id, display, family, state, attempts, took, Optional.ofNullable(error), details,
                    number == 0 ? Optional.empty() : Optional.of(TaskLogs.fileName(family, number)));
        }
    }

    public LiveRun(RunRecord started) {
        this.record = started;
    }

    @Override
    public boolean accepts(Event type) {
        return type != Event.DEPENDENCY_DISCOVERED && type != Event.PROCESSING_TIME && type != Event.TIMEOUT;
    }

    @Override
    public void onEvent(TaskEvent event) {
        Live t = tasks.computeIfAbsent(event.task(), Live::new);
        synchronized (t) {
            switch (event.type()) {
                case DEPENDENCY_PRESENT -> t.state = TaskState.ALREADY_DONE.name();
                case DEPENDENCY_MISSING -> t.state = TaskState.PENDING.name();
                case BROKEN_TASK -> {
                    t.state = TaskState.SCHEDULING_FAILED.name();
                    t.error = ErrorText.of(event.error());
                }
                case START -> {
                    t.state = TaskView.RUNNING;
                    t.attempts++;
                    t.startMillis = System.currentTimeMillis();
                    t.error = null;
                    t.number = event.number();
                }
                case SUCCESS, FAILURE -> {
                    boolean ok = event.type() == Event.SUCCESS;
                    t.state = ok ? TaskState.COMPLETED.name() : TaskState.FAILED.name();
                    t.millis = System.currentTimeMillis() - t.startMillis;
                    t.error = ok ? null : ErrorText.of(event.error());
                    t.details = event.details();
                }
                default -> {
                }
            }
        }
    }

    /** The run ended: each task takes its outcome, the record its end. */
    public void ended(RunResult result, int exitCode, Instant end) {
        Map<TaskState, Integer> byState = new EnumMap<>(TaskState.class);
        for (TaskOutcome o : result.outcomes()) {
            byState.merge(o.state(), 1, Integer::sum);
            Live t = tasks.computeIfAbsent(o.task(), Live::new);
            synchronized (t) {
                t.state = o.state().name();
                t.attempts = o.attempts();
                t.millis = o.runTime().toMillis();
                t.error = o.error();
                t.details = o.details();
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        byState.forEach((state, n) -> counts.put(state.name(), n));
        Verdict verdict = Verdict.of(result);
        record = record.ended(end, exitCode, verdict.face(), verdict.reason(), counts, result.unhandledError());
    }

    /** The run as it stands now. */
    public RunView view() {
        long now = System.currentTimeMillis();
        List<TaskView> views = new ArrayList<>(tasks.size());
        for (Live t : tasks.values()) {
            views.add(t.view(now));
        }
        return new RunView(record, true, views);
    }

    /** The run's record: no end while it runs. */
    public RunRecord record() {
        return record;
    }

    /** The run's id. */
    public String runId() {
        return record.runId();
    }
}
