package io.cascata.core.cli;

import io.cascata.core.config.CascataConfig;
import io.cascata.core.explain.ProvenanceRecorder;
import io.cascata.core.history.HistoryRecorder;
import io.cascata.core.history.HistorySettings;
import io.cascata.core.operate.FinishedRun;
import io.cascata.core.operate.RunEndHook;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RunResult;
import io.cascata.core.settings.CoreSettings;
import io.cascata.core.settings.Settings;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the command line does around a run for the people who operate it: records the run in the
 * history, keeps the provenance of parameter-aware outputs (for {@code --explain}) and, at the end, hands it to the {@link RunEndHook}s found (notifications). Nothing
 * here changes the run's outcome or exit code.
 */
final class RunOperations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunOperations.class);

    private final Optional<HistoryRecorder> history;
    private final CascataConfig config;
    private final List<String> commandLine;
    private final String user;
    private final String host;
    private final Instant start = Instant.now();

    private RunOperations(Optional<HistoryRecorder> history, CascataConfig config, List<String> commandLine,
            String user, String host) {
        this.history = history;
        this.config = config;
        this.commandLine = commandLine;
        this.user = user;
        this.host = host;
    }

    /** Starts what the config asks for, before the run. */
    static RunOperations start(CascataConfig config, CoreSettings core, List<String> commandLine,
            Function<String, String> environment) {
        String user = System.getProperty("user.name", "unknown");
        String host = host(environment);
        HistorySettings settings = Settings.read(HistorySettings.class, config);
        Optional<HistoryRecorder> history = HistoryRecorder.start(settings, core.workspace(), commandLine, user, host);
        return new RunOperations(history, config, List.copyOf(commandLine), user, host);
    }

    /** Hooks the run's listeners into a driver. */
    void attach(Driver.Builder driver) {
        history.ifPresent(driver::listener);
        driver.listener(new ProvenanceRecorder());
    }

    /** Records the run's end and runs the hooks. */
    void finish(RunResult result, int exitCode) {
        history.ifPresent(h -> h.finish(result, exitCode));
        FinishedRun run = null;
        for (ServiceLoader.Provider<RunEndHook> provider : ServiceLoader.load(RunEndHook.class).stream().toList()) {
            try {
                if (run == null) {
                    run = new FinishedRun(history.map(HistoryRecorder::runId), commandLine, user, host, start,
                            Instant.now(), result, exitCode, config);
                }
                provider.get().runEnded(run);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("{} failed at the end of the run: {}; the run's outcome stands", provider.type().getName(),
                        e.toString());
                LOG.debug("run-end hook failure", e);
            }
        }
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
