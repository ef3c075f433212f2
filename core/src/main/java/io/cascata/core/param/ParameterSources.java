package io.cascata.core.param;

import io.cascata.core.config.CascataConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where parameter values come from when code does not give them: the command line, then the
 * config file ({@code [Family] name=value}); the declared default comes after both.
 *
 * <p>One instance is current for a run, as Luigi's configuration is for a process, so that tasks
 * built inside {@code requires()} with {@link io.cascata.core.Tasks#create} see the same values.
 */
public final class ParameterSources {

    private static volatile ParameterSources current = new ParameterSources(Map.of(), CascataConfig.empty());

    private final Map<String, Map<String, String>> commandLine;
    private final CascataConfig config;

    /**
     * @param commandLine family name to (normalized parameter name to text); values for the root
     *     family given as plain {@code --name} are stored under the root family
     * @param config the loaded config file
     */
    public ParameterSources(Map<String, Map<String, String>> commandLine, CascataConfig config) {
        Map<String, Map<String, String>> copy = new HashMap<>();
        commandLine.forEach((family, values) -> {
            Map<String, String> normalized = new HashMap<>();
            values.forEach((k, v) -> normalized.put(ParameterSpec.normalize(k), v));
            copy.put(family, Map.copyOf(normalized));
        });
        this.commandLine = Map.copyOf(copy);
        this.config = config;
    }

    /** The sources in force now. */
    public static ParameterSources current() {
        return current;
    }

    /** Makes these sources current until the returned scope is closed. */
    public static Scope use(ParameterSources sources) {
        ParameterSources previous = current;
        current = sources;
        return () -> current = previous;
    }

    /** The config these sources read. */
    public CascataConfig config() {
        return config;
    }

    /** The text for a parameter from the command line or else the config, with where it came from. */
    public Optional<SourcedText> lookup(String family, String parameter) {
        Map<String, String> cli = commandLine.get(family);
        if (cli != null) {
            String text = cli.get(ParameterSpec.normalize(parameter));
            if (text != null) {
                return Optional.of(new SourcedText(text, "the command line"));
            }
        }
        return config.get(family, parameter)
                .map(text -> new SourcedText(text, "config section [" + family + "]"));
    }

    /** A value's text and a phrase naming its origin, for error messages. */
    public record SourcedText(String text, String origin) {
    }

    /** Restores the previous sources on close. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
