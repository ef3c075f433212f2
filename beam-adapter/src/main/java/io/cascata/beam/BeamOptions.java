package io.cascata.beam;

import io.cascata.core.cli.ConfigOption;
import io.cascata.core.cli.ConfigOptionProvider;
import java.util.List;

/** The command-line options of Beam stages, each backed by a {@code [beam]} config key. */
public final class BeamOptions implements ConfigOptionProvider {

    @Override
    public List<ConfigOption> options() {
        String beam = RunnerSelector.SECTION;
        return List.of(
                new ConfigOption("runner", beam, "runner", "NAME",
                        "DirectRunner or FlinkRunner for every Beam stage (default: by each stage's weight)", true,
                        List.of("DirectRunner", "FlinkRunner", "direct", "flink")),
                new ConfigOption("flinkMaster", beam, "flink-master", "HOST:PORT",
                        "Flink to run heavy stages on: [local] (embedded, default) or a session cluster's REST address", false),
                new ConfigOption("parallelism", beam, "parallelism", "N",
                        "parallelism of each stage (default: the number of cores)", false),
                new ConfigOption("auto-threshold-mb", beam, "auto-threshold-mb", "MB",
                        "AUTO stages with less input than this run on the DirectRunner (default "
                                + RunnerSelector.DEFAULT_THRESHOLD_MB + ")", false));
    }
}
