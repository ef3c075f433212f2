package io.cascata.notify;

import io.cascata.core.settings.SettingsProvider;
import java.util.List;

/** This module's settings group: {@code [notify]}. */
public final class NotifySettingsProvider implements SettingsProvider {

    @Override
    public List<Class<? extends Record>> settings() {
        return List.of(NotifySettings.class);
    }
}
