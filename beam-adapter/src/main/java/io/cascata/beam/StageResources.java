package io.cascata.beam;

import io.cascata.core.config.CascataConfig;
import io.cascata.core.config.ConfigException;
import io.cascata.core.settings.Settings;
import java.util.Optional;

/**
 * Where a stage runs on Flink and how wide, first rule that applies: the stage's own
 * {@link BeamStage#parallelism()}, its tier's {@code [tier.NAME] parallelism} and
 * {@code flink-master}, then {@code [beam] parallelism} and {@code flink-master}, then the number
 * of cores and {@code [local]}. So a small stage and a big one run side by side at their sizes.
 *
 * @param flinkMaster {@code [local]}, {@code [auto]} or a session cluster's REST address
 * @param parallelism the stage's parallelism
 * @param tier the tier named by the stage, if any
 */
record StageResources(String flinkMaster, int parallelism, Optional<String> tier) {

    static StageResources of(BeamStage stage, CascataConfig config) {
        BeamSettings beam = Settings.read(BeamSettings.class, config);
        Optional<TierSettings> tier = stage.tier().map(name -> Settings.named(TierSettings.class, config, name)
                .filter(t -> t.parallelism().isPresent() || t.flinkMaster().isPresent())
                .orElseThrow(() -> new ConfigException(stage.id().display() + " asks for tier '" + name
                        + "', but the config has no [tier." + name + "] section with parallelism or flink-master")));
        int parallelism = stage.parallelism() > 0 ? stage.parallelism()
                : tier.flatMap(TierSettings::parallelism).or(beam::parallelism)
                        .orElse(Runtime.getRuntime().availableProcessors());
        String master = tier.flatMap(TierSettings::flinkMaster).orElse(beam.flinkMaster());
        return new StageResources(master, parallelism, stage.tier());
    }

    /** Whether the stage runs on the run's embedded Flink ({@code [local]}). */
    boolean embedded() {
        return FlinkMasters.LOCAL.equals(flinkMaster.trim());
    }

    /** Whether Flink runs inside this JVM (or where {@code flink run} put it) rather than on a cluster elsewhere. */
    boolean local() {
        return !FlinkMasters.remote(flinkMaster);
    }
}
