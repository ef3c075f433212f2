package io.cascata.core.summary;

import io.cascata.core.settings.Setting;
import io.cascata.core.settings.SettingsSection;

/**
 * How the Execution Summary is written: Luigi's {@code [execution_summary]} section.
 *
 * @param summaryLength how many families each group lists before {@code ...}; 0 lists all
 */
@SettingsSection("execution_summary")
public record SummarySettings(
        @Setting(value = "families each summary group lists before '...' (0: all)", defaultValue = "5", min = 0,
                label = "N") int summaryLength) {
}
