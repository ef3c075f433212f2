package io.cascata.core.cli;

import io.cascata.core.config.CascataConfig;
import io.cascata.core.settings.Claim;
import io.cascata.core.settings.ForeignOptions;
import io.cascata.core.settings.SettingSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The options of a command line that it does not know, each offered to the modules'
 * {@link ForeignOptions} (Beam's pipeline options, say). What no module takes is unknown, a
 * usage error.
 *
 * @param unknown the options nobody took
 * @param values the values of settings that the modules made of what they took
 * @param takers what the modules on the class path take, for the message about unknown options
 */
record ForeignOptionsClaim(List<String> unknown, Map<SettingSpec, String> values, List<String> takers) {

    /**
     * A command line split before it is parsed.
     *
     * @param known the arguments for the command line's own parse
     * @param foreign the options it does not know, as given
     */
    record Split(List<String> known, List<String> foreign) {
    }

    /** The words a boolean parameter reads as a value when they follow its option. */
    private static final java.util.Set<String> BOOLEAN_WORDS = java.util.Set.of("true", "false", "yes", "no", "1", "0");

    /** Splits the arguments into those the command line knows (with their values) and foreign options. */
    static Split split(String[] args, CommandLineModel model) {
        List<String> known = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--") && arg.length() > 2 && !model.knows(arg)) {
                foreign.add(arg);
                continue;
            }
            if (model.booleanParameter(arg).isPresent() && i + 1 < args.length && BOOLEAN_WORDS.contains(
                    args[i + 1].toLowerCase(java.util.Locale.ROOT))) {
                // picocli takes only true and false after a boolean option; the parameter reads these too
                known.add(arg + "=" + args[++i]);
                continue;
            }
            known.add(arg);
            if (!arg.contains("=") && model.takesValue(arg) && i + 1 < args.length) {
                known.add(args[++i]); // the option's value, even when it starts with dashes
            }
        }
        return new Split(List.copyOf(known), List.copyOf(foreign));
    }

    /** Offers the foreign options to every module, in turn; a bad value is a ConfigException naming it. */
    static ForeignOptionsClaim of(List<String> options) {
        List<String> left = new ArrayList<>(options);
        Map<SettingSpec, String> values = new LinkedHashMap<>();
        List<String> takers = new ArrayList<>();
        for (ForeignOptions module : ServiceLoader.load(ForeignOptions.class)) {
            takers.add(module.describe());
            if (left.isEmpty()) {
                continue;
            }
            Claim claim = module.claim(List.copyOf(left));
            left.removeAll(claim.taken());
            values.putAll(claim.values());
        }
        return new ForeignOptionsClaim(List.copyOf(left), values, List.copyOf(takers));
    }

    /**
     * The values to lay over a config: section to key to text. A list setting keeps the config's
     * entries and gets the command line's after them, so that options given on the command line
     * add to (and, for the same name, win over) those of the config.
     */
    Map<String, Map<String, String>> overrides(CascataConfig config) {
        Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
        values.forEach((setting, text) -> {
            String value = text;
            Optional<String> before = config.get(setting.section(), setting.key());
            if (before.isPresent() && setting.type().name().startsWith("List")) {
                List<Object> both = new ArrayList<>((List<?>) setting.type().parse(before.get()));
                both.addAll((List<?>) setting.type().parse(text));
                value = setting.type().serialize(both);
            }
            overrides.computeIfAbsent(setting.section(), s -> new LinkedHashMap<>()).put(setting.key(), value);
        });
        return overrides;
    }

    /** The options nobody took, named, and who was asked. */
    String unknownMessage() {
        String names = String.join(", ", unknown.stream().map(o -> "'" + (o.contains("=") ? o.substring(0, o.indexOf('=')) : o) + "'").toList());
        StringBuilder neither = new StringBuilder(unknown.size() > 1 ? "neither Cascata options" : "neither a Cascata option");
        for (String taker : takers) {
            neither.append(" nor ").append(unknown.size() > 1 ? "" : "one of ").append(taker);
        }
        return "Unknown option" + (unknown.size() > 1 ? "s" : "") + ": " + names + " (" + neither + ")";
    }
}
