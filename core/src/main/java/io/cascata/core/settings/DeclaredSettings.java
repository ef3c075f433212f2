package io.cascata.core.settings;

import io.cascata.core.config.CascataConfig;
import io.cascata.core.param.ParameterException;
import io.cascata.core.param.ParameterSpec;
import io.cascata.core.param.TaskRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every settings group the modules on the class path declare (through {@link SettingsProvider}):
 * what the command line offers, and what a config is checked against before anything runs.
 */
public final class DeclaredSettings {

    private final List<SettingsGroup<?>> groups;

    private DeclaredSettings(List<SettingsGroup<?>> groups) {
        this.groups = List.copyOf(groups);
        Map<String, SettingSpec> keys = new HashMap<>();
        Map<String, SettingSpec> options = new HashMap<>();
        for (SettingSpec s : settings()) {
            SettingSpec before = keys.put(s.section() + "\n" + ParameterSpec.normalize(s.key()), s);
            if (before != null) {
                throw new IllegalStateException("[" + s.section() + "] " + s.key() + " is declared twice");
            }
            for (String name : s.commandLine() ? s.optionNames() : List.<String>of()) {
                before = options.put(name, s);
                if (before != null) {
                    throw new IllegalStateException("option " + name + " is declared for [" + before.section() + "] "
                            + before.key() + " and for [" + s.section() + "] " + s.key());
                }
            }
        }
    }

    /**
     * The groups of every {@link SettingsProvider} found with {@link ServiceLoader}, then the
     * config classes of the pipelines on the class path ({@link ConfigClasses}).
     */
    public static DeclaredSettings load() {
        List<SettingsGroup<?>> groups = new ArrayList<>(modules().groups());
        for (Class<? extends Record> type : ConfigClasses.load(Thread.currentThread().getContextClassLoader())) {
            if (groups.stream().noneMatch(g -> g.type() == type)) {
                groups.add(SettingsGroup.of(type));
            }
        }
        return new DeclaredSettings(groups);
    }

    /** The groups of Cascata's own modules: those of every {@link SettingsProvider} alone. */
    public static DeclaredSettings modules() {
        List<SettingsGroup<?>> groups = new ArrayList<>();
        for (SettingsProvider provider : ServiceLoader.load(SettingsProvider.class)) {
            for (Class<? extends Record> type : provider.settings()) {
                groups.add(SettingsGroup.of(type));
            }
        }
        return new DeclaredSettings(groups);
    }

    /** Exactly these groups (for tests and embedding). */
    public static DeclaredSettings of(Collection<Class<? extends Record>> types) {
        return new DeclaredSettings(types.stream().<SettingsGroup<?>>map(SettingsGroup::of).toList());
    }

    public List<SettingsGroup<?>> groups() {
        return groups;
    }

    /** Every declared setting, group by group. */
    public List<SettingSpec> settings() {
        List<SettingSpec> all = new ArrayList<>();
        groups.forEach(g -> all.addAll(g.settings()));
        return all;
    }

    /** The settings that have a command-line option. */
    public List<SettingSpec> commandLineSettings() {
        return settings().stream().filter(SettingSpec::commandLine).toList();
    }

    /**
     * Checks every value the config gives a declared setting, per-family values in any other
     * section included (unless that family has a parameter of the same name, which the key is
     * then for); the first bad one is a {@link io.cascata.core.config.ConfigException} naming
     * where it is (file, section, key), the value and what is expected.
     */
    public void validate(CascataConfig config) {
        for (SettingsGroup<?> group : groups) {
            group.validate(config);
        }
        List<SettingSpec> perFamily = settings().stream().filter(SettingSpec::perFamily).toList();
        for (String section : config.sections()) {
            if (!declares(section)) {
                for (SettingSpec spec : perFamily) {
                    Optional<String> text = config.get(section, spec.key());
                    if (text.isPresent() && !isParameter(section, spec.key())) {
                        spec.parse(text.get(), SettingsGroup.where(config, section, spec.key()));
                    }
                }
            }
        }
    }

    private static boolean isParameter(String family, String key) {
        try {
            return TaskRegistry.global().resolve(family).parameter(key).isPresent();
        } catch (ParameterException | IllegalArgumentException notAFamily) {
            return false;
        }
    }

    /** Keys in declared sections that no setting declares (typos, mostly), as "[section] key". */
    public List<String> unknownKeys(CascataConfig config) {
        List<String> unknown = new ArrayList<>();
        for (String section : config.sections()) {
            List<SettingSpec> known = groups.stream().filter(g -> g.sectionsIn(config).contains(section))
                    .flatMap(g -> g.settings().stream()).toList();
            if (known.isEmpty()) {
                continue;
            }
            for (String key : config.keys(section)) {
                if (known.stream().noneMatch(s -> ParameterSpec.normalize(s.key()).equals(key))) {
                    unknown.add("[" + section + "] " + key);
                }
            }
        }
        return unknown;
    }

    /** Whether a section belongs to a declared group (rather than to a task family). */
    public boolean declares(String section) {
        for (SettingsGroup<?> g : groups) {
            if (g.named() ? section.startsWith(g.section() + ".") : section.equals(g.section())) {
                return true;
            }
        }
        return false;
    }
}
