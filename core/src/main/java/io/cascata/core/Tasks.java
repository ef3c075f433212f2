package io.cascata.core;

import io.cascata.core.param.ParameterException;
import io.cascata.core.param.ParameterSources;
import io.cascata.core.param.TaskFamily;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds tasks from code the way Luigi's {@code Family(param=value)} does: the values given here
 * win, and every other parameter comes from the command line, the config file, then its default.
 */
public final class Tasks {

    private Tasks() {
    }

    /**
     * A task of the given class; {@code namesAndValues} alternate a parameter name and its value,
     * e.g. {@code Tasks.create(OutputParameter.class, "param", "hello")}.
     */
    public static <T extends Task> T create(Class<T> type, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Map<String, Object> given = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name)) {
                throw new ParameterException("parameter name expected at position " + i + ", got " + namesAndValues[i]);
            }
            given.put(name, namesAndValues[i + 1]);
        }
        return type.cast(TaskFamily.of(type).instantiate(given, ParameterSources.current()));
    }
}
