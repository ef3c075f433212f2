package io.cascata.core.config;

import io.cascata.core.param.ParameterSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    private final Map<String, Map<String, String>> sections;
    private final String origin;
    /** Values computed from this config once (typed settings, say); the config itself never changes. */
    private final Map<Class<?>, Object> derived = new ConcurrentHashMap<>();

    private CascataConfig(Map<String, Map<String, String>> sections, String origin) {
        this.sections = sections;
        this.origin = origin;
    }

    /** No config at all (a new instance each time, so that nothing derived from it is shared between runs). */
    public static CascataConfig empty() {
        return new CascataConfig(Map.of(), "no config file");
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
        return Files.isRegularFile(local) ? read(local, environment) : empty();
    }

    /** Reads one INI file. */
    public static CascataConfig read(Path file, Function<String, String> environment) {
        if (Files.isDirectory(file)) {
            throw new ConfigException("config file " + file + " is a directory; give the path of an INI file");
        }
        if (!Files.exists(file)) {
            throw new ConfigException("config file " + file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " is not a regular file");
        }
        INIConfiguration ini = new INIConfiguration();
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            IniShape.check(text.lines().toList(), file.toString());
            ini.read(new java.io.StringReader(text));
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ConfigException("config file " + file + " is not UTF-8 text (is this an INI file?)", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ConfigException("config file " + file + ": permission denied", e);
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

    /** The values the command line gives settings (section to key to value), taken literally, named as its own. */
    public static CascataConfig commandLine(Map<String, Map<String, String>> values) {
        return new CascataConfig(Map.of(), "the command line").withOverrides(values).renamed("the command line");
    }

    private CascataConfig renamed(String newOrigin) {
        return new CascataConfig(sections, newOrigin);
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

    /** A value, with the key matched in any spelling (dashes, underscores, case). */
    public Optional<String> get(String section, String key) {
        Map<String, String> values = sections.get(section);
        return values == null ? Optional.empty() : Optional.ofNullable(values.get(ParameterSpec.normalize(key)));
    }

    /** The sections present, in file order. */
    public Set<String> sections() {
        return sections.keySet();
    }

    /** The keys of a section, normalized (lower-case, without dashes and underscores); none for an absent section. */
    public Set<String> keys(String section) {
        return sections.getOrDefault(section, Map.of()).keySet();
    }

    /**
     * A value computed from this config, once per config and key: typed settings are read this
     * way, so each run reads its own config's values and no process-wide cache is needed.
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(Class<T> key, Function<CascataConfig, ? extends T> compute) {
        Object value = derived.get(key);
        if (value == null) {
            value = compute.apply(this);
            Object raced = derived.putIfAbsent(key, value);
            value = raced != null ? raced : value;
        }
        return (T) value;
    }

    /** Where this config came from, for messages. */
    public String origin() {
        return origin;
    }
}
