package io.cascata.core.settings;

import java.util.List;
import java.util.Map;

/**
 * What a module took of the options offered to it ({@link ForeignOptions}), and the settings
 * values they amount to, as text to lay over the config. For a list setting the values are added
 * after the config's own entries instead of replacing them.
 *
 * @param taken the options taken, as given
 * @param values values of the module's own settings
 */
public record Claim(List<String> taken, Map<SettingSpec, String> values) {

    public Claim {
        taken = List.copyOf(taken);
        values = Map.copyOf(values);
    }

    /** Nothing taken. */
    public static Claim none() {
        return new Claim(List.of(), Map.of());
    }
}
