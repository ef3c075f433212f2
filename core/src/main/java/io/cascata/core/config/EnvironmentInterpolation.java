package io.cascata.core.config;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces environment references in config values: Python's {@code %(VAR)s}, as the Luigi
 * tutorial writes them, and the shell's {@code ${VAR}}. {@code %%} stands for a literal percent.
 */
final class EnvironmentInterpolation {

    private static final Pattern REFERENCE = Pattern.compile("%%|%\\(([^)]+)\\)s|\\$\\{([^}]+)}");

    private EnvironmentInterpolation() {
    }

    static String apply(String value, Function<String, String> environment, String where) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("%%")) {
                replacement = "%";
            } else {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                replacement = environment.apply(name);
                if (replacement == null) {
                    throw new ConfigException(where + " refers to environment variable " + name + ", which is not set");
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
