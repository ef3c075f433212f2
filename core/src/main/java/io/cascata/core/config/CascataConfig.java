package io.cascata.core.config;

import io.cascata.core.param.ParameterSpec;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.configuration2.INIConfiguration;
import org.apache.commons.configuration2.SubnodeConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;

/**
 * The config file in Luigi's INI shape: {@code [core]}, {@code [retcode]}, and one
 * {@code [TaskFamily]} section per family with {@code parameter=value} lines. Values may name
 * environment variables as {@code %(VAR)s} or {@code ${VAR}}; an unset variable is an error.
 * Immutable once read.
 */
public final class CascataConfig {

    /** The environment variable that names a config file when {@code --config} is not given. */
    public static final String CONFIG_ENV = "CASCATA_CONFIG";

    /** The file read from the working directory when neither flag nor variable names one. */
    public static final String DEFAULT_FILE = "cascata.cfg";

    private static final CascataConfig EMPTY = new CascataConfig(Map.of(), "no config file");

    private final Map<String, Map<String, String>> sections;
    private final String origin;

    private CascataConfig(Map<String, Map<String, String>> sections, String origin) {
        this.sections = sections;
        this.origin = origin;
    }

    /** No config at all. */
    public static CascataConfig empty() {
        return EMPTY;
    }

    /** Builds a config from sections in memory (for tests and embedding), interpolating like a file. */
    public static CascataConfig of(Map<String, Map<String, String>> sections, Function<String, String> environment) {
        return interpolated(sections, environment, "config");
    }

    /**
     * Finds and reads the config: the given path, else {@value #CONFIG_ENV}, else
     * {@value #DEFAULT_FILE} in the working directory if present, else none.
     */
    public static CascataConfig locate(Optional<Path> explicit, Function<String, String> environment) {
        if (explicit.isPresent()) {
            return read(explicit.get(), environment);
        }
        String fromEnv = environment.apply(CONFIG_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return read(Path.of(fromEnv), environment);
        }
        Path local = Path.of(DEFAULT_FILE);
        return Files.isRegularFile(local) ? read(local, environment) : EMPTY;
    }

    /** Reads one INI file. */
    public static CascataConfig read(Path file, Function<String, String> environment) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " does not exist");
        }
        INIConfiguration ini = new INIConfiguration();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ini.read(reader);
        } catch (IOException | ConfigurationException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, Map<String, String>> raw = new LinkedHashMap<>();
        for (String section : ini.getSections()) {
            if (section == null) {
                continue;
            }
            SubnodeConfiguration node = ini.getSection(section);
            Map<String, String> values = new LinkedHashMap<>();
            for (Iterator<String> keys = node.getKeys(); keys.hasNext(); ) {
                String key = keys.next();
                Object value = node.getProperty(key);
                values.put(key.replace("..", "."), value == null ? "" : value.toString());
            }
            raw.put(section, values);
        }
        return interpolated(raw, environment, "config file " + file);
    }

    private static CascataConfig interpolated(Map<String, Map<String, String>> raw,
            Function<String, String> environment, String origin) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        raw.forEach((section, values) -> {
            Map<String, String> resolved = new LinkedHashMap<>();
            values.forEach((key, value) -> resolved.put(ParameterSpec.normalize(key),
                    EnvironmentInterpolation.apply(value, environment,
                            origin + ", section [" + section + "], key '" + key + "'")));
            out.put(section, Collections.unmodifiableMap(resolved));
        });
        return new CascataConfig(Collections.unmodifiableMap(out), origin);
    }

    /**
     * This config with values laid over it (the command line's, say): section to key to value.
     * Overrides are taken literally, without interpolation.
     */
    public CascataConfig withOverrides(Map<String, Map<String, String>> overrides) {
        if (overrides.isEmpty()) {
            return this;
        }
        Map<String, Map<String, String>> merged = new LinkedHashMap<>();
        sections.forEach((section, values) -> merged.put(section, new LinkedHashMap<>(values)));
        overrides.forEach((section, values) -> {
            Map<String, String> target = merged.computeIfAbsent(section, s -> new LinkedHashMap<>());
            values.forEach((key, value) -> target.put(ParameterSpec.normalize(key), value));
        });
        Map<String, Map<String, String>> frozen = new LinkedHashMap<>();
        merged.forEach((section, values) -> frozen.put(section, Collections.unmodifiableMap(values)));
        return new CascataConfig(Collections.unmodifiableMap(frozen), origin + " with command-line overrides");
    }

    /** A boolean value ({@code true/false/yes/no/1/0}), or the fallback. */
    public boolean getBoolean(String section, String key, boolean fallback) {
        Optional<String> text = get(section, key);
        if (text.isEmpty()) {
            return fallback;
        }
        switch (text.get().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "" -> {
                return true;
            }
            case "false", "no", "0" -> {
                return false;
            }
            default -> throw new ConfigException(origin + ", section [" + section + "], key '" + key
                    + "': expected true or false, got '" + text.get() + "'");
        }
    }

    /** A value, with the key matched in any spelling (dashes, underscores, case). */
    public Optional<String> get(String section, String key) {
        Map<String, String> values = sections.get(section);
        return values == null ? Optional.empty() : Optional.ofNullable(values.get(ParameterSpec.normalize(key)));
    }

    /** An integer value, or the fallback; a value that is not an integer is an error naming it. */
    public int getInt(String section, String key, int fallback) {
        Optional<String> text = get(section, key);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.get().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(origin + ", section [" + section + "], key '" + key
                    + "': expected an integer, got '" + text.get() + "'");
        }
    }

    /** Where this config came from, for messages. */
    public String origin() {
        return origin;
    }
}
