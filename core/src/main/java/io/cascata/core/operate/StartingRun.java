package io.cascata.core.operate;

import io.cascata.core.config.CascataConfig;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A command-line run about to start, as {@link RunStartHook}s see it.
 *
 * @param runId its id in the run history, when it is recorded
 * @param historyRoot where the run history is kept (a directory or URI), when it is recorded
 * @param commandLine the program's arguments
 * @param start when it started
 * @param config the run's effective config, where hooks read their settings
 */
public record StartingRun(Optional<String> runId, Optional<String> historyRoot, List<String> commandLine,
        Instant start, CascataConfig config) {

    public StartingRun {
        commandLine = List.copyOf(commandLine);
    }
}
