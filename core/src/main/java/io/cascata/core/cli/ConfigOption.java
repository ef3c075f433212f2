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
 */
public record ConfigOption(String name, String section, String key, String label, String description,
        boolean perFamily) {

    /** Whether the option takes no value (a flag sets "true"). */
    public boolean flag() {
        return label == null;
    }
}
