package io.cascata.examples.daily;

import io.cascata.core.settings.Setting;
import io.cascata.core.settings.SettingsSection;

/**
 * How events are extracted: a config class, read from {@code [extract]} and from
 * {@code --extract-batch-size}, {@code --extract-source}; not a task.
 */
@SettingsSection("extract")
public record ExtractSettings(
        @Setting(value = "events the extract step reads per batch", defaultValue = "500", min = 1,
                option = "extract-batch-size") int batchSize,
        @Setting(value = "the system the events come from", defaultValue = "clickstream",
                option = "extract-source") String source) {
}
