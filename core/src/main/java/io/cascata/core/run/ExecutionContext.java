package io.cascata.core.run;

import io.cascata.core.TaskId;
import io.cascata.core.config.CascataConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an executor knows and can report while it runs one task attempt: the effective config
 * (file plus command-line overrides), the attempt number, the run's shared resources, and details
 * for the log and summary.
 */
public final class ExecutionContext {

    /** The detail key whose value the Execution Summary shows for the task, e.g. where it ran. */
    public static final String SUMMARY = "summary";

    private final TaskId id;
    private final int attempt;
    private final CascataConfig config;
    private final RunResources resources;
    private final LateRequirements late;
    private Map<String, String> details; // made on the first note: most tasks report none

    ExecutionContext(TaskId id, int attempt, CascataConfig config, RunResources resources, LateRequirements late) {
        this.id = id;
        this.attempt = attempt;
        this.config = config;
        this.resources = resources;
        this.late = late;
    }

    public TaskId id() {
        return id;
    }

    /** 1 for the first attempt, 2 for the first retry, ... */
    public int attempt() {
        return attempt;
    }

    public CascataConfig config() {
        return config;
    }

    /** What this run's tasks share, such as an embedded cluster, closed when the run ends. */
    public RunResources runResources() {
        return resources;
    }

    /**
     * Requires tasks this one found only while running (Luigi's {@code yield} from {@code run()}),
     * e.g. one per file in a directory: the driver checks and runs them like any other task (on its
     * workers, with their own requirements, retries and resources) while this attempt waits without
     * holding a worker, then this returns their outputs in the shape given (one target for a task,
     * a list for a list, a map for a map) and the attempt goes on from here. Unlike Luigi, the
     * attempt resumes: {@code run} is not called again from the top.
     *
     * @param tasks a task, a collection of tasks or a map from names to tasks
     * @throws RequirementFailedException when one of them failed or cannot be run; the attempt
     *     should let it propagate: its task then fails, naming the requirement, and is not retried
     * @throws InterruptedException when the attempt is stopped (a timeout or a cancelled run) while it waits
     */
    @SuppressWarnings("unchecked")
    public <T> T require(Object tasks) throws InterruptedException {
        late.require(io.cascata.core.Shapes.tasks(tasks));
        return (T) io.cascata.core.Shapes.outputsOf(tasks);
    }

    /** Records a fact about this run (e.g. {@code runner=FlinkRunner}); shown in the summary JSON. */
    public synchronized void note(String key, String value) {
        if (details == null) {
            details = new LinkedHashMap<>();
        }
        details.put(key, value);
    }

    /** What was noted under the key so far, if anything. */
    public synchronized java.util.Optional<String> noted(String key) {
        return details == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(details.get(key));
    }

    /** Runs the tasks an attempt requires while it runs, returning when all are complete. */
    interface LateRequirements {
        void require(java.util.List<io.cascata.core.Task> tasks) throws InterruptedException;
    }

    /** What was noted, in order; an empty map when nothing was. */
    synchronized Map<String, String> details() {
        return details == null ? Map.of() : new LinkedHashMap<>(details);
    }
}
