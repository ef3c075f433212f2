package io.cascata.core.operate;

import io.cascata.core.config.CascataConfig;
import io.cascata.core.run.RunResult;
import io.cascata.core.summary.ExecutionSummary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A command-line run that has ended, as {@link RunEndHook}s see it.
 *
 * @param runId its id in the run history, when it was recorded
 * @param commandLine the program's arguments
 * @param user the operating system user
 * @param host the machine's name
 * @param start when it started
 * @param end when it ended
 * @param result every task's outcome
 * @param exitCode the process exit code
 * @param config the run's effective config, where hooks read their settings
 */
public record FinishedRun(Optional<String> runId, List<String> commandLine, String user, String host, Instant start,
        Instant end, RunResult result, int exitCode, CascataConfig config) {

    public FinishedRun {
        commandLine = List.copyOf(commandLine);
    }

    /**
     * The Execution Summary's text, made when asked for: on a graph of 110,001 tasks it costs
     * a noticeable part of the run, and most runs notify no one.
     */
    public String summary() {
        return ExecutionSummary.render(result);
    }
}
