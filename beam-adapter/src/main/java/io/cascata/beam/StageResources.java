package io.cascata.beam;

import io.cascata.core.config.CascataConfig;
import io.cascata.core.config.ConfigException;
import java.util.Optional;

/**
 * Where a stage runs on Flink and how wide, first rule that applies: the stage's own
 * {@link BeamStage#parallelism()}, its tier's {@code [tier.NAME] parallelism} and
 * {@code flink-master}, then {@code [beam] parallelism} and {@code flink-master}, then the number
 * of cores and {@code [local]}. So a small stage and a big one run side by side at their sizes.
 *
 * @param flinkMaster {@code [local]} or a session cluster's REST address
 * @param parallelism the stage's parallelism
 * @param tier the tier named by the stage, if any
 */
record StageResources(String flinkMaster, int parallelism, Optional<String> tier) {

    static final String LOCAL = "[local]";

    static StageResources of(BeamStage stage, CascataConfig config) {
        Optional<String> tier = stage.tier();
        String section = tier.map(t -> "tier." + t).orElse(null);
        if (section != null && config.get(section, "parallelism").isEmpty() && config.get(section, "flink-master").isEmpty()) {
            throw new ConfigException(stage.id().display() + " asks for tier '" + tier.get() + "', but the config has no ["
                    + section + "] section with parallelism or flink-master");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int parallelism = stage.parallelism() > 0 ? stage.parallelism()
                : section != null && config.get(section, "parallelism").isPresent() ? config.getInt(section, "parallelism", cores)
                : config.getInt(RunnerSelector.SECTION, "parallelism", cores);
        String master = Optional.ofNullable(section).flatMap(s -> config.get(s, "flink-master"))
                .or(() -> config.get(RunnerSelector.SECTION, "flink-master")).orElse(LOCAL);
        if (parallelism < 1) {
            throw new ConfigException(stage.id().display() + ": parallelism must be at least 1, got " + parallelism);
        }
        return new StageResources(master, parallelism, tier);
    }

    boolean local() {
        return LOCAL.equals(flinkMaster);
    }
}
