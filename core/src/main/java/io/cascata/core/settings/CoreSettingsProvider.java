package io.cascata.core.settings;

import io.cascata.core.history.HistorySettings;
import io.cascata.core.run.RetCodes;
import io.cascata.core.summary.SummarySettings;
import java.util.List;

/** Core's settings groups: {@code [core]}, {@code [retcode]}, {@code [execution_summary]} and {@code [history]}. */
public final class CoreSettingsProvider implements SettingsProvider {

    @Override
    public List<Class<? extends Record>> settings() {
        return List.of(CoreSettings.class, RetCodes.class, SummarySettings.class, HistorySettings.class);
    }
}
