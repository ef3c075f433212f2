package io.cascata.core.run;

import io.cascata.core.TaskId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything a run decided, in the order tasks were found: the input of the Execution Summary,
 * the summary JSON and the exit code.
 *
 * @param outcomes one per task scheduled (complete tasks found on the way are not expanded)
 * @param unhandledError set when the driver itself failed, not a task
 * @param elapsed wall time of the whole run
 */
public record RunResult(List<TaskOutcome> outcomes, Optional<String> unhandledError, Duration elapsed) {

    public RunResult {
        outcomes = List.copyOf(outcomes);
    }

    /** The outcomes in one state. */
    public List<TaskOutcome> inState(TaskState state) {
        return outcomes.stream().filter(o -> o.state() == state).toList();
    }

    /** Whether any task ended in this state. */
    public boolean any(TaskState state) {
        return outcomes.stream().anyMatch(o -> o.state() == state);
    }

    /** The outcome of one task. */
    public Optional<TaskOutcome> outcome(TaskId id) {
        return outcomes.stream().filter(o -> o.id().equals(id)).findFirst();
    }

    /** True when every task is complete now (already or by this run) and the driver did not fail. */
    public boolean success() {
        return unhandledError.isEmpty() && outcomes.stream()
                .allMatch(o -> o.state() == TaskState.ALREADY_DONE || o.state() == TaskState.COMPLETED);
    }

    /** The number of tasks that ran successfully in this run. */
    public long ranCount() {
        return outcomes.stream().filter(o -> o.state() == TaskState.COMPLETED).count();
    }
}
