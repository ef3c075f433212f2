package io.cascata.core.settings;

import io.cascata.core.config.ConfigException;
import io.cascata.core.param.ParameterType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * One declared setting, as its {@link Setting} annotation and record component describe it:
 * where it lives in the config, its command-line spellings, its help, its type and default, and
 * the check every value passes, wherever it comes from.
 *
 * @param section the config section ({@code core}); for a named group, the prefix ({@code tier})
 * @param key the config key as shown ({@code flink-master}); any spelling matches
 * @param component the record component that holds the value
 * @param option the command-line option without dashes ({@code flink-master})
 * @param label how the value reads in help ({@code HOST:PORT})
 * @param description one line for help
 * @param type how values are read and written
 * @param optional whether the component is an {@link Optional}
 * @param defaultValue the default, parsed; empty for none
 * @param perFamily whether a task family may set its own value
 * @param commandLine whether there is a command-line option
 * @param min the smallest number allowed
 */
public record SettingSpec(String section, String key, String component, String option, String label,
        String description, ParameterType type, boolean optional, Optional<Object> defaultValue, boolean perFamily,
        boolean commandLine, long min) {

    /** Whether the option is a flag: a boolean that a bare {@code --option} turns on. */
    public boolean flag() {
        return !optional && type.name().equals("boolean");
    }

    /** The option's spellings: {@code --flink-master} and {@code --flinkMaster}, as Beam users write it. */
    public List<String> optionNames() {
        return spellings("--", option);
    }

    /** The per-family option's spellings: {@code --CountWords-runner}. */
    public List<String> familyOptionNames(String family) {
        return spellings("--" + family + "-", option);
    }

    private static List<String> spellings(String prefix, String kebab) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        names.add(prefix + kebab);
        StringBuilder camel = new StringBuilder(prefix);
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        names.add(camel.toString());
        return new ArrayList<>(names);
    }

    /** What a value must be, for messages: {@code int} or {@code one of DirectRunner, FlinkRunner}. */
    public String expected() {
        return type instanceof ChoiceType choice ? "one of " + String.join(", ", choice.shown()) : type.name();
    }

    /** The default as it would be written, if there is one. */
    public Optional<String> defaultText() {
        return defaultValue.map(type::serialize);
    }

    /** The help line: the description and the default. */
    public String help() {
        return description + defaultText().map(d -> " (default: " + d + ")").orElse("");
    }

    /**
     * Reads one value written as text, or fails naming where it came from ({@code --workers}, or
     * the file, section and key), the value and what was expected.
     */
    public Object parse(String text, String where) {
        Object value;
        try {
            value = type.parse(text);
        } catch (IllegalArgumentException e) {
            if (type instanceof ChoiceType) {
                throw new ConfigException(where + ": unknown value '" + text + "'; use " + expected());
            }
            throw new ConfigException(where + " (" + type.name() + "): cannot use value '" + text + "': "
                    + e.getMessage());
        }
        if (value instanceof Number n && n.doubleValue() < min) {
            throw new ConfigException(where + " (" + type.name() + "): cannot use value '" + text
                    + "': must be at least " + min);
        }
        return value;
    }

    /** The component's value for a text that may be absent: parsed, else the default, wrapped if Optional. */
    Object value(Optional<String> text, String where) {
        Optional<Object> value = text.map(t -> parse(t, where)).or(this::defaultValue);
        if (optional) {
            return value;
        }
        return value.orElse(Boolean.FALSE);
    }
}
