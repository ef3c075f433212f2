package io.cascata.ui;

import java.util.Map;
import java.util.Optional;

/**
 * One task as the page shows it, live or from the history.
 *
 * @param id the task id
 * @param display the task as the summary shows it, {@code Family(param=value)}
 * @param family its family
 * @param state a {@link io.cascata.core.run.TaskState} name, or {@code RUNNING} while an attempt runs
 * @param attempts how many attempts started
 * @param millis how long the last attempt took (so far, while it runs)
 * @param error the last attempt's error, when it failed
 * @param details what the executor noted (runner, {@code flink-ui}, ...)
 * @param log the name of the task's log file in the run's history, once it has run
 */
public record TaskView(String id, String display, String family, String state, int attempts, long millis,
        Optional<String> error, Map<String, String> details, Optional<String> log) {

    /** The state of a task whose attempt is under way; the other states are the run's own. */
    public static final String RUNNING = "RUNNING";

    public TaskView {
        details = Map.copyOf(details);
    }
}
