package io.cascata.core.settings;

import io.cascata.core.config.CascataConfig;
import io.cascata.core.config.ConfigException;
import io.cascata.core.param.ParameterSpec;
import io.cascata.core.param.ParameterType;
import io.cascata.core.param.ParameterTypes;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A settings record seen as its declaration: its section, its settings and how to build the
 * record from a config. Read values through {@link Settings}; this type is for the machinery
 * that builds the command line and checks configs.
 *
 * @param <T> the settings record
 */
public final class SettingsGroup<T extends Record> {

    private static final ClassValue<SettingsGroup<?>> GROUPS = new ClassValue<>() {
        @Override
        protected SettingsGroup<?> computeValue(Class<?> type) {
            return declared(type.asSubclass(Record.class));
        }
    };

    private final Class<T> type;
    private final String section;
    private final boolean named;
    private final List<SettingSpec> settings;
    private final Constructor<T> constructor;

    private SettingsGroup(Class<T> type, String section, boolean named, List<SettingSpec> settings,
            Constructor<T> constructor) {
        this.type = type;
        this.section = section;
        this.named = named;
        this.settings = List.copyOf(settings);
        this.constructor = constructor;
    }

    /** The declaration of a settings record (read once per class); a faulty declaration is an error naming it. */
    @SuppressWarnings("unchecked")
    public static <T extends Record> SettingsGroup<T> of(Class<T> type) {
        return (SettingsGroup<T>) GROUPS.get(type);
    }

    private static <T extends Record> SettingsGroup<T> declared(Class<T> type) {
        SettingsSection sectionAnnotation = type.getAnnotation(SettingsSection.class);
        if (sectionAnnotation == null) {
            throw new IllegalArgumentException(type.getName() + " is not annotated with @SettingsSection");
        }
        RecordComponent[] components = type.getRecordComponents();
        List<SettingSpec> specs = new ArrayList<>();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            specs.add(spec(type, sectionAnnotation, components[i]));
            types[i] = components[i].getType();
        }
        try {
            Constructor<T> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return new SettingsGroup<>(type, sectionAnnotation.value(), sectionAnnotation.named(), specs, constructor);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " has no canonical constructor", e);
        }
    }

    private static SettingSpec spec(Class<?> owner, SettingsSection section, RecordComponent component) {
        Setting setting = component.getAnnotation(Setting.class);
        String where = owner.getSimpleName() + "." + component.getName();
        if (setting == null) {
            throw new IllegalArgumentException(where + " has no @Setting");
        }
        Type javaType = component.getGenericType();
        boolean optional = component.getType() == Optional.class;
        if (optional) {
            if (!(javaType instanceof ParameterizedType p)) {
                throw new IllegalArgumentException(where + ": say what the Optional holds");
            }
            javaType = p.getActualTypeArguments()[0];
        }
        ParameterType type;
        try {
            type = javaType instanceof Class<?> c && ChoiceType.applies(c) ? new ChoiceType(c) : ParameterTypes.forType(javaType);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        Optional<Object> defaultValue = Optional.empty();
        if (!Setting.NO_DEFAULT.equals(setting.defaultValue())) {
            try {
                defaultValue = Optional.of(type.parse(setting.defaultValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": default '" + setting.defaultValue() + "' is " + e.getMessage(), e);
            }
        } else if (!optional && !type.name().equals("boolean")) {
            throw new IllegalArgumentException(where + " needs a default, or an Optional type");
        }
        String key = setting.name().isEmpty() ? ParameterSpec.kebab(component.getName()) : setting.name();
        String option = setting.option().isEmpty() ? key : setting.option();
        String label = setting.label().isEmpty() ? label(type) : setting.label();
        boolean commandLine = setting.commandLine() && section.commandLine() && !section.named();
        return new SettingSpec(section.value(), key, component.getName(), option, label, setting.value(), type,
                optional, defaultValue, setting.perFamily(), commandLine, setting.min());
    }

    private static String label(ParameterType type) {
        if (type instanceof ChoiceType) {
            return "NAME";
        }
        if (type.name().startsWith("List") || type.name().startsWith("Map")) {
            return "JSON";
        }
        return switch (type.name()) {
            case "int", "long" -> "N";
            case "double" -> "NUMBER";
            case "String" -> "TEXT";
            default -> type.name().toUpperCase(java.util.Locale.ROOT);
        };
    }

    /** The record type. */
    public Class<T> type() {
        return type;
    }

    /** The section, or for a named group the prefix of its sections. */
    public String section() {
        return section;
    }

    /** Whether the group is read from sections {@code [section.NAME]}. */
    public boolean named() {
        return named;
    }

    /** The settings, in declaration order. */
    public List<SettingSpec> settings() {
        return settings;
    }

    /** The setting held by a record component, by the component's name. */
    public SettingSpec setting(String component) {
        return settings.stream().filter(s -> s.component().equals(component)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.getSimpleName() + " has no setting '" + component + "'"));
    }

    /** The settings from the group's section, each absent one at its default. */
    public T read(CascataConfig config) {
        requireNamed(false);
        return build(config, section, null);
    }

    /** The settings with a family's own values for the per-family ones, from {@code [family]}. */
    public T read(CascataConfig config, String family) {
        requireNamed(false);
        return build(config, section, family);
    }

    /** The settings of {@code [section.name]}, or empty when the config has no such section. */
    public Optional<T> named(CascataConfig config, String name) {
        requireNamed(true);
        String full = section + "." + name;
        return config.sections().contains(full) ? Optional.of(build(config, full, null)) : Optional.empty();
    }

    /** The names of this named group's sections in a config: {@code big} for {@code [tier.big]}. */
    public Set<String> names(CascataConfig config) {
        requireNamed(true);
        Set<String> names = new TreeSet<>();
        for (String s : config.sections()) {
            if (s.startsWith(section + ".") && s.length() > section.length() + 1) {
                names.add(s.substring(section.length() + 1));
            }
        }
        return names;
    }

    /** Reads every value this group has in the config, failing on the first bad one. */
    void validate(CascataConfig config) {
        if (named) {
            for (String name : names(config)) {
                named(config, name);
            }
        } else {
            read(config);
        }
    }

    /** The sections of this group present in a config: its one section, or every [section.NAME]. */
    List<String> sectionsIn(CascataConfig config) {
        if (named) {
            return names(config).stream().map(n -> section + "." + n).toList();
        }
        return config.sections().contains(section) ? List.of(section) : List.of();
    }

    private void requireNamed(boolean wanted) {
        if (named != wanted) {
            throw new IllegalStateException(type.getSimpleName() + (named ? " is read from named sections [" + section
                    + ".NAME]" : " is read from one section [" + section + "]"));
        }
    }

    private T build(CascataConfig config, String fromSection, String family) {
        Object[] values = new Object[settings.size()];
        for (int i = 0; i < values.length; i++) {
            SettingSpec spec = settings.get(i);
            String source = fromSection;
            Optional<String> text = Optional.empty();
            if (family != null && spec.perFamily()) {
                text = config.get(family, spec.key());
                source = family;
            }
            if (text.isEmpty()) {
                text = config.get(fromSection, spec.key());
                source = fromSection;
            }
            values[i] = spec.value(text, where(config, source, spec.key()));
        }
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof ConfigException c) {
                throw c;
            }
            if (e.getCause() instanceof IllegalArgumentException bad) {
                throw new ConfigException(config.origin() + ", section [" + fromSection + "]: " + bad.getMessage(), bad);
            }
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    /** Where a value comes from, for messages: the config's origin, the section and the key. */
    static String where(CascataConfig config, String section, String key) {
        return config.origin() + ", section [" + section + "], key '" + key + "'";
    }

    @Override
    public String toString() {
        return type.getSimpleName() + " [" + section + (named ? ".NAME" : "") + "]";
    }
}
