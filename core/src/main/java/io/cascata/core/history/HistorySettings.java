package io.cascata.core.history;

import io.cascata.core.settings.Setting;
import io.cascata.core.settings.SettingsSection;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and how much run history is kept ({@code [history]}): every run's record, its tasks,
 * their attempts and their own log lines.
 *
 * @param dir the history's root: a local directory or a URI such as {@code hdfs://nn:9820/history};
 *     when absent, {@code _history} under the workspace
 * @param keep how many runs are kept; the oldest beyond that are deleted after each run
 * @param disabled whether runs are recorded at all
 * @param flushEvery how often a running run writes what it has recorded so far
 */
@SettingsSection("history")
public record HistorySettings(
        @Setting(value = "where run history is kept, a directory or a URI (default: _history under the workspace)",
                label = "DIR", option = "history-dir") Optional<String> dir,
        @Setting(value = "how many runs the history keeps", defaultValue = "100", min = 1, option = "history-keep")
        int keep,
        @Setting(value = "record no run history", option = "no-history") boolean disabled,
        @Setting(value = "how often a running run writes what it has recorded so far", defaultValue = "30s",
                commandLine = false) Duration flushEvery) {

    /** The name of the history directory under the workspace when {@link #dir()} is absent. */
    public static final String DEFAULT_NAME = "_history";

    /** The history root in force for a workspace root. */
    public String root(String workspace) {
        return dir.orElseGet(() -> (workspace.endsWith("/") ? workspace : workspace + "/") + DEFAULT_NAME);
    }
}
