package io.cascata.core.cli;

import io.cascata.core.config.CascataConfig;
import io.cascata.core.history.HistoryRecorder;
import io.cascata.core.history.HistorySettings;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RunResult;
import io.cascata.core.settings.CoreSettings;
import io.cascata.core.settings.Settings;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the command line does around a run for the people who operate it: records the run in the
 * history and, at the end, sends the configured notifications. Nothing here changes the run's
 * outcome or exit code.
 */
final class RunOperations implements AutoCloseable {

    private final Optional<HistoryRecorder> history;

    private RunOperations(Optional<HistoryRecorder> history) {
        this.history = history;
    }

    /** Starts what the config asks for, before the run. */
    static RunOperations start(CascataConfig config, CoreSettings core, List<String> commandLine,
            Function<String, String> environment) {
        HistorySettings settings = Settings.read(HistorySettings.class, config);
        Optional<HistoryRecorder> history = HistoryRecorder.start(settings, core.workspace(), commandLine,
                System.getProperty("user.name", "?"), host(environment));
        return new RunOperations(history);
    }

    /** Hooks the run's listeners into a driver. */
    void attach(Driver.Builder driver) {
        history.ifPresent(driver::listener);
    }

    /** Records the run's end. */
    void finish(RunResult result, int exitCode) {
        history.ifPresent(h -> h.finish(result, exitCode));
    }

    @Override
    public void close() {
        history.ifPresent(HistoryRecorder::close);
    }

    private static String host(Function<String, String> environment) {
        String name = environment.apply("HOSTNAME");
        if (name != null && !name.isBlank()) {
            return name;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
