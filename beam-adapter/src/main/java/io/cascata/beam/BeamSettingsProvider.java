package io.cascata.beam;

import io.cascata.core.settings.SettingsProvider;
import java.util.List;

/** The settings groups of Beam stages: {@code [beam]} and the {@code [tier.NAME]} sections. */
public final class BeamSettingsProvider implements SettingsProvider {

    @Override
    public List<Class<? extends Record>> settings() {
        return List.of(BeamSettings.class, TierSettings.class);
    }
}
