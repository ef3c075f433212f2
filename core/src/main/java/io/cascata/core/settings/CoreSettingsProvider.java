package io.cascata.core.settings;

import io.cascata.core.run.RetCodes;
import java.util.List;

/** Core's settings groups: {@code [core]} and {@code [retcode]}. */
public final class CoreSettingsProvider implements SettingsProvider {

    @Override
    public List<Class<? extends Record>> settings() {
        return List.of(CoreSettings.class, RetCodes.class);
    }
}
