package io.cascata.core.history;

import java.util.Optional;

/**
 * One attempt of one task, a line of the run's {@code attempts-NNNNN.jsonl} files: written as
 * the run goes, so that a killed run still shows what ran.
 *
 * @param task the task id ({@link io.cascata.core.TaskId#value()})
 * @param attempt 1 for the first attempt, 2 for the first retry, ...
 * @param startMillis when it started, in milliseconds since the epoch
 * @param millis how long it took
 * @param ok whether it succeeded
 * @param error why it failed, when it did
 * @param log the name of the file in the run's {@code logs} directory that the task's own log
 *     lines went to (the file exists only if it logged)
 */
public record AttemptRecord(String task, int attempt, long startMillis, long millis, boolean ok,
        Optional<String> error, Optional<String> log) {
}
