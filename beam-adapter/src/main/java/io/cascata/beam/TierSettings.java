package io.cascata.beam;

import io.cascata.core.settings.Setting;
import io.cascata.core.settings.SettingsSection;
import java.util.Optional;

/**
 * A resource tier, read from {@code [tier.NAME]}: the parallelism and the Flink address of the
 * stages that ask for it ({@link BeamStage#tier()}).
 *
 * @param parallelism the tier's parallelism, if it sets one
 * @param flinkMaster the tier's Flink address, if it sets one
 */
@SettingsSection(value = "tier", named = true)
public record TierSettings(
        @Setting(value = "parallelism of the tier's stages", min = 1) Optional<Integer> parallelism,
        @Setting(value = "where the tier's Flink stages run", label = "HOST:PORT") Optional<String> flinkMaster) {
}
