package io.cascata.core.param;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Optional;

/**
 * One declared parameter of a task family: its name, type, description, default and whether it
 * belongs to the task's identity.
 *
 * @param name the record component name
 * @param javaType the component's generic type
 * @param type how values are parsed and written
 * @param description what the parameter means, may be empty
 * @param defaultValue the parsed default, or empty when the value must be given
 * @param significant whether the value is part of the task id
 * @param accessor the record accessor that reads the value from a task, or from its parameter
 *     group when {@code group} is set
 * @param group the task's accessor of the {@link io.cascata.core.ParameterGroup} record that holds
 *     this parameter, or null for a parameter of the task's own
 */
public record ParameterSpec(String name, Type javaType, ParameterType type, String description,
        Optional<Object> defaultValue, boolean significant, Method accessor, Method group) {

    /** A parameter of the task's own (not from a parameter group). */
    public ParameterSpec(String name, Type javaType, ParameterType type, String description,
            Optional<Object> defaultValue, boolean significant, Method accessor) {
        this(name, javaType, type, description, defaultValue, significant, accessor, null);
    }

    /** The parameter's value in a task. */
    public Object read(Object task) {
        try {
            Object holder = group == null ? task : group.invoke(task);
            return holder == null ? null : accessor.invoke(holder);
        } catch (IllegalAccessException | java.lang.reflect.InvocationTargetException e) {
            throw new IllegalStateException("cannot read parameter " + name + " of " + task.getClass().getName(), e);
        }
    }

    /** The command-line spelling: {@code topN} becomes {@code top-n}. */
    public String optionName() {
        return kebab(name);
    }

    /** The default as text, for help. */
    public Optional<String> defaultText() {
        return defaultValue.map(type::serialize);
    }

    /** Lower-case with dashes and underscores removed: how names from any source are matched. */
    public static String normalize(String name) {
        return name.replace("-", "").replace("_", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** The command-line spelling of a Java name: {@code flinkMaster} becomes {@code flink-master}. */
    public static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c == '_' ? '-' : c);
            }
        }
        return out.toString();
    }
}
