package io.cascata.ui;

import io.cascata.core.settings.SettingsProvider;
import java.util.List;

/** This module's settings group: {@code [ui]}. */
public final class UiSettingsProvider implements SettingsProvider {

    @Override
    public List<Class<? extends Record>> settings() {
        return List.of(UiSettings.class);
    }
}
