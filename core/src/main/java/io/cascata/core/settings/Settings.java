package io.cascata.core.settings;

import io.cascata.core.config.CascataConfig;
import java.util.Optional;

/**
 * Typed settings from a config: {@code Settings.read(CoreSettings.class, config).workers()}.
 * Values are checked as declared (see {@link Setting}); a record is read once per config.
 */
public final class Settings {

    private Settings() {
    }

    /** A settings record from its section of the config. */
    public static <T extends Record> T read(Class<T> type, CascataConfig config) {
        return config.derived(type, c -> SettingsGroup.of(type).read(c));
    }

    /**
     * A settings record as a task family sees it: its per-family settings from {@code [family]}
     * when set there, everything else from the group's section.
     */
    public static <T extends Record> T read(Class<T> type, CascataConfig config, String family) {
        return SettingsGroup.of(type).read(config, family);
    }

    /**
     * A settings record (a config class) from the config of the run on this thread, command-line
     * values included: what a task's {@code requires()}, {@code output()} or {@code run()} reads,
     * as a Luigi task reads {@code MyConfig().value}.
     */
    public static <T extends Record> T current(Class<T> type) {
        return read(type, io.cascata.core.param.ParameterSources.current().config());
    }

    /** A named group's record from {@code [section.name]}, or empty when the config has no such section. */
    public static <T extends Record> Optional<T> named(Class<T> type, CascataConfig config, String name) {
        return SettingsGroup.of(type).named(config, name);
    }
}
