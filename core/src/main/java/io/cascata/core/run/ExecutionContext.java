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
    private Map<String, String> details; // made on the first note: most tasks report none

    ExecutionContext(TaskId id, int attempt, CascataConfig config, RunResources resources) {
        this.id = id;
        this.attempt = attempt;
        this.config = config;
        this.resources = resources;
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

    /** Records a fact about this run (e.g. {@code runner=FlinkRunner}); shown in the summary JSON. */
    public synchronized void note(String key, String value) {
        if (details == null) {
            details = new LinkedHashMap<>();
        }
        details.put(key, value);
    }

    /** What was noted, in order; an empty map when nothing was. */
    synchronized Map<String, String> details() {
        return details == null ? Map.of() : new LinkedHashMap<>(details);
    }
}
