package io.cascata.core.history;

import java.util.Map;
import java.util.Optional;

/**
 * One task of a run as the history keeps it, a line of the run's {@code tasks.jsonl}: where it
 * ended, and what its executor reported (runner, Flink job id and link, stage metrics).
 *
 * @param id the task id ({@link io.cascata.core.TaskId#value()})
 * @param display the task as the summary shows it, {@code Family(param=value)}
 * @param family the task family
 * @param state where it ended ({@link io.cascata.core.run.TaskState} name)
 * @param pendingReason why it was left pending, when it was
 * @param attempts how many times it ran
 * @param millis how long the last attempt took
 * @param error the last attempt's error, when it failed
 * @param details what the executor noted, by key
 * @param log the name of the file in the run's {@code logs} directory that the task's own log
 *     lines went to, when it ran in the run (the file exists only if it logged)
 */
public record TaskRecord(String id, String display, String family, String state, Optional<String> pendingReason,
        int attempts, long millis, Optional<String> error, Map<String, String> details, Optional<String> log) {

    public TaskRecord {
        details = Map.copyOf(details);
    }
}
