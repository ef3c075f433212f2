package io.cascata.core.settings;

import io.cascata.core.run.RetCodes;
import io.cascata.core.summary.SummarySettings;
import java.util.List;

/** Core's settings groups: {@code [core]}, {@code [retcode]} and {@code [execution_summary]}. */
public final class CoreSettingsProvider implements SettingsProvider {

    @Override
    public List<Class<? extends Record>> settings() {
        return List.of(CoreSettings.class, RetCodes.class, SummarySettings.class);
    }
}
