package io.cascata.core.cli;

import io.cascata.core.config.CascataConfig;
import io.cascata.core.explain.ProvenanceRecorder;
import io.cascata.core.history.HistoryRecorder;
import io.cascata.core.history.HistorySettings;
import io.cascata.core.operate.FinishedRun;
import io.cascata.core.operate.RunEndHook;
import io.cascata.core.operate.RunStartHook;
import io.cascata.core.operate.RunWatcher;
import io.cascata.core.operate.StartingRun;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RunResult;
import io.cascata.core.settings.CoreSettings;
import io.cascata.core.settings.Settings;
import io.cascata.core.targets.Holder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
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
    /** What the {@link RunStartHook}s started for this run (the status page). */
    private final List<RunWatcher> watchers = new ArrayList<>();

    private RunOperations(Optional<HistoryRecorder> history, CascataConfig config, List<String> commandLine,
            String user, String host) {
        this.history = history;
        this.config = config;
        this.commandLine = commandLine;
        this.user = user;
        this.host = host;
    }

    /** Starts what the config asks for, before the run. */
    static RunOperations start(CascataConfig config, CoreSettings core, List<String> commandLine) {
        String user = System.getProperty("user.name", "unknown");
        String host = Holder.current().host();
        HistorySettings settings = Settings.read(HistorySettings.class, config);
        Optional<HistoryRecorder> history = HistoryRecorder.start(settings, core.workspace(), commandLine, user, host);
        RunOperations operations = new RunOperations(history, config, List.copyOf(commandLine), user, host);
        StartingRun starting = new StartingRun(history.map(HistoryRecorder::runId),
                history.map(h -> settings.root(core.workspace())), commandLine, operations.start, config);
        for (ServiceLoader.Provider<RunStartHook> provider : ServiceLoader.load(RunStartHook.class).stream().toList()) {
            try {
                provider.get().runStarting(starting).ifPresent(operations.watchers::add);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("{} failed at the start of the run: {}; the run goes on", provider.type().getName(), e.toString());
                LOG.debug("run-start hook failure", e);
            }
        }
        return operations;
    }

    /** Hooks the run's listeners into a driver. */
    void attach(Driver.Builder driver) {
        history.ifPresent(driver::listener);
        driver.listener(new ProvenanceRecorder());
        watchers.forEach(driver::listener);
    }

    /** Records the run's end and runs the hooks. */
    void finish(RunResult result, int exitCode) {
        history.ifPresent(h -> h.finish(result, exitCode));
        FinishedRun run = null;
        List<Object> hooks = new ArrayList<>(watchers);
        ServiceLoader.load(RunEndHook.class).stream().forEach(hooks::add);
        for (Object hook : hooks) {
            try {
                if (run == null) {
                    run = new FinishedRun(history.map(HistoryRecorder::runId), commandLine, user, host, start,
                            Instant.now(), result, exitCode, config);
                }
                if (hook instanceof ServiceLoader.Provider<?> provider) {
                    ((RunEndHook) provider.get()).runEnded(run);
                } else {
                    ((RunEndHook) hook).runEnded(run);
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("{} failed at the end of the run: {}; the run's outcome stands", hookName(hook), e.toString());
                LOG.debug("run-end hook failure", e);
            }
        }
    }

    @Override
    public void close() {
        history.ifPresent(HistoryRecorder::close);
        for (RunWatcher watcher : watchers) {
            try {
                watcher.close();
            } catch (RuntimeException e) {
                LOG.debug("closing {} failed", watcher.getClass().getName(), e);
            }
        }
    }

    private static String hookName(Object hook) {
        return hook instanceof ServiceLoader.Provider<?> provider ? provider.type().getName() : hook.getClass().getName();
    }

}
