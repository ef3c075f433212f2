package io.cascata.beam;

import io.cascata.core.settings.Setting;
import io.cascata.core.settings.SettingsSection;
import java.util.List;
import java.util.Optional;

/**
 * The settings of Beam stages, read from {@code [beam]}; the runner may also be set per task
 * family ({@code [CountWords] runner=flink}, {@code --CountWords-runner flink}). Beam's own
 * pipeline options that Cascata does not declare go to Beam as they are: on the command line
 * ({@code --maxBundleSize=100}), or here as {@code pipeline-options}.
 *
 * @param runner the runner for every stage; empty to decide by each stage's weight
 * @param flinkMaster where Flink stages run: {@code [local]}, {@code [auto]} or a cluster's REST address
 * @param parallelism the parallelism of each stage; empty for the number of cores
 * @param autoThresholdMb below this much input, an AUTO stage runs on the DirectRunner
 * @param pipelineOptions Beam pipeline options for every stage, as on Beam's command line
 * @param noFuse run every heavy stage as a Flink job of its own: by default, consecutive heavy
 *     stages, each the only consumer of the one before, on the same Flink, run as one job
 * @param noCombinerLifting run each {@code Combine.perKey} and {@code Count.perElement} as the
 *     runner translates it: by default, those in the global window first combine within each
 *     bundle in memory, so only one accumulator per key and bundle reaches the grouping
 */
@SettingsSection("beam")
public record BeamSettings(
        @Setting(value = "DirectRunner or FlinkRunner for every Beam stage (default: by each stage's weight)",
                perFamily = true) Optional<Runner> runner,
        @Setting(value = "where heavy stages run: [local] (embedded), [auto] or a Flink session cluster's REST address",
                defaultValue = FlinkMasters.LOCAL, label = "HOST:PORT") String flinkMaster,
        @Setting(value = "parallelism of each stage (default: the number of cores)", min = 1) Optional<Integer> parallelism,
        @Setting(value = "AUTO stages with less input than this run on the DirectRunner", defaultValue = "1", min = 0,
                label = "MB") long autoThresholdMb,
        @Setting(value = "Beam pipeline options for every stage, as a JSON list such as [\"--maxBundleSize=100\"]; "
                + "on the command line, pass them as they are", defaultValue = "[]", commandLine = false)
        List<String> pipelineOptions,
        @Setting(value = "run each heavy stage as a Flink job of its own (by default a chain of heavy stages, "
                + "each the only consumer of the one before, runs as one job)", name = "no-fuse") boolean noFuse,
        @Setting(value = "leave Combine.perKey and Count.perElement to the runner (by default those in the global "
                + "window first combine within each bundle in memory)", name = "no-combiner-lifting")
        boolean noCombinerLifting) {

    public BeamSettings {
        pipelineOptions = List.copyOf(pipelineOptions);
        try {
            PipelineArgs.check(pipelineOptions);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key 'pipeline-options': " + e.getMessage(), e);
        }
    }
}
