package io.cascata.core.cli;

/**
 * A command-line option that sets a config value: {@code --name VALUE} sets
 * {@code [section] key}; a per-family option also accepts {@code --Family-name VALUE}, which
 * sets {@code [Family] key}. This is how modules add options (the Beam runner, say) without the
 * command line knowing them.
 *
 * @param name the option name without dashes, e.g. {@code runner}
 * @param section the config section the plain option sets
 * @param key the config key
 * @param label the value's label in help, e.g. {@code NAME}; null for a flag
 * @param description one line for help
 * @param perFamily whether {@code --Family-name} exists too
 * @param choices the values allowed (matched ignoring case), or empty for any
 */
public record ConfigOption(String name, String section, String key, String label, String description,
        boolean perFamily, java.util.List<String> choices) {

    public ConfigOption {
        choices = java.util.List.copyOf(choices);
    }

    /** An option that takes any value. */
    public ConfigOption(String name, String section, String key, String label, String description, boolean perFamily) {
        this(name, section, key, label, description, perFamily, java.util.List.of());
    }

    /** Rejects a value outside the choices, naming the option as given, the value and what is allowed. */
    public void check(String given, String value) {
        if (!choices.isEmpty() && choices.stream().noneMatch(c -> c.equalsIgnoreCase(value.trim()))) {
            throw new io.cascata.core.config.ConfigException(given + ": unknown value '" + value + "'; use one of "
                    + String.join(", ", choices));
        }
    }

    /** Whether the option takes no value (a flag sets "true"). */
    public boolean flag() {
        return label == null;
    }
}
