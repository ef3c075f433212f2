package io.cascata.core.run;

import io.cascata.core.config.CascataConfig;
import io.cascata.core.config.ConfigException;
import io.cascata.core.param.ParameterSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * How much of each named resource the tasks running at once may hold together, from the
 * config's {@code [resources]} section ({@code flink-slots=4}). A resource it does not name has a
 * limit of 1, as in Luigi, so a task naming a resource never runs beside another naming it.
 */
final class ResourceLimits {

    static final String SECTION = "resources";

    private final Map<String, Integer> limits;

    private ResourceLimits(Map<String, Integer> limits) {
        this.limits = Map.copyOf(limits);
    }

    /** The limits in the config; a value that is not a whole number of 0 or more is a ConfigException naming it. */
    static ResourceLimits from(CascataConfig config) {
        Map<String, Integer> limits = new HashMap<>();
        for (String key : config.keys(SECTION)) {
            String text = config.get(SECTION, key).orElse("").trim();
            int limit;
            try {
                limit = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 0) {
                throw new ConfigException("[" + SECTION + "] " + key + " in " + config.origin() + ": '" + text
                        + "' is not a resource limit (a whole number, 0 or more)");
            }
            limits.put(key, limit);
        }
        return new ResourceLimits(limits);
    }

    /**
     * The name a resource is counted under: config keys are read without case, dashes and
     * underscores, so {@code flink-slots} in a task and {@code flink_slots=4} in the config agree.
     */
    static String key(String resource) {
        return ParameterSpec.normalize(resource);
    }

    int limitOf(String resource) {
        return limits.getOrDefault(key(resource), 1);
    }

    /**
     * Why a task asking this can never run here (more of a resource than its limit, or a negative
     * amount), or null when it can; the driver's message puts the task's name before it.
     */
    String refusal(Map<String, Integer> asked) {
        for (Map.Entry<String, Integer> e : asked.entrySet()) {
            int amount = e.getValue() == null ? 0 : e.getValue();
            if (amount < 0) {
                return "asks " + amount + " of resource '" + e.getKey() + "': an amount must be 0 or more";
            }
            int limit = limitOf(e.getKey());
            if (amount > limit) {
                return "asks " + amount + " of resource '" + e.getKey() + "', more than its limit of "
                        + limit + (limits.containsKey(key(e.getKey())) ? " ([" + SECTION + "] " + e.getKey() + "=" + limit + ")"
                        : " (not set in [" + SECTION + "], where an unset resource counts as 1)");
            }
        }
        return null;
    }
}
