package io.cascata.ui;

import io.cascata.core.history.RunHistory;
import io.cascata.core.history.RunRecord;
import io.cascata.core.operate.FinishedRun;
import io.cascata.core.operate.RunStartHook;
import io.cascata.core.operate.RunWatcher;
import io.cascata.core.operate.StartingRun;
import io.cascata.core.run.Event;
import io.cascata.core.run.TaskEvent;
import io.cascata.core.settings.Settings;
import io.cascata.core.targets.Holder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --ui PORT}: serves the status page for as long as the run lasts, with the run's live
 * state and the history's past runs. A page that cannot be served is logged; the run goes on.
 */
public final class StatusPageOnRun implements RunStartHook {

    private static final Logger LOG = LoggerFactory.getLogger(StatusPageOnRun.class);

    @Override
    public Optional<RunWatcher> runStarting(StartingRun run) {
        UiSettings settings = Settings.read(UiSettings.class, run.config());
        if (settings.port().isEmpty()) {
            return Optional.empty();
        }
        RunRecord started = RunRecord.started(run.runId().orElse("this-run"), run.commandLine(),
                System.getProperty("user.name", "unknown"), Holder.current().host(), run.start());
        LiveRun live = new LiveRun(started);
        Optional<RunHistory> history = run.historyRoot().map(RunHistory::at);
        InetSocketAddress address = new InetSocketAddress(settings.bind(), settings.port().get());
        try {
            StatusServer server = StatusServer.start(address, new StatusData(Optional.of(live), history));
            LOG.info("status page: {}", server.uri());
            return Optional.of(new Watcher(live, server));
        } catch (IOException e) {
            LOG.warn("cannot serve the status page on {}:{}: {}; the run goes on without it", settings.bind(),
                    settings.port().get(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Feeds the live run and stops the server when the run is over. */
    private record Watcher(LiveRun live, StatusServer server) implements RunWatcher {

        @Override
        public boolean accepts(Event type) {
            return live.accepts(type);
        }

        @Override
        public void onEvent(TaskEvent event) {
            live.onEvent(event);
        }

        @Override
        public void runEnded(FinishedRun run) {
            live.ended(run.result(), run.exitCode(), run.end());
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
