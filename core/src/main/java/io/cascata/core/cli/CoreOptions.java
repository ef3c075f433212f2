package io.cascata.core.cli;

import java.util.List;

/** The command-line options of core itself, each backed by a {@code [core]} config key. */
final class CoreOptions implements ConfigOptionProvider {

    static final String CORE = "core";

    @Override
    public List<ConfigOption> options() {
        return List.of(
                new ConfigOption("workers", CORE, "workers", "N", "how many tasks run at once (default 1)", false),
                new ConfigOption("retry-count", CORE, "retry-count", "N",
                        "run a failed task up to N more times (default 0)", false),
                new ConfigOption("workspace", CORE, "workspace", "DIR",
                        "root of parameter-aware outputs (default ./workspace)", false),
                new ConfigOption("lock-dir", CORE, "lock-dir", "DIR",
                        "where run locks live (default: the system temp directory)", false),
                new ConfigOption("no-lock", CORE, "no-lock", null, "do not take the run lock", false),
                new ConfigOption("summary-json", CORE, "summary-json", "PATH",
                        "also write the summary as JSON to PATH", false),
                new ConfigOption("log-level", CORE, "log-level", "LEVEL",
                        "DEBUG, INFO (default), WARNING or ERROR; above INFO hides the summary", false),
                new ConfigOption("no-progress", CORE, "no-progress", null,
                        "no live progress line, even on a terminal", false));
    }
}
