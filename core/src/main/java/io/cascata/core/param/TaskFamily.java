package io.cascata.core.param;

import io.cascata.core.Bounds;
import io.cascata.core.Param;
import io.cascata.core.ParameterGroup;
import io.cascata.core.Task;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task class seen as a family: its name and its declared parameters, and how to build an
 * instance from values given by code, the command line, the config and the defaults.
 */
public final class TaskFamily {

    private static final ClassValue<TaskFamily> CACHE = new ClassValue<>() {
        @Override
        protected TaskFamily computeValue(Class<?> type) {
            return new TaskFamily(type.asSubclass(Task.class));
        }
    };

    private final Class<? extends Task> type;
    private final String name;
    private final List<ParameterSpec> parameters;
    private final Constructor<?> constructor;
    /** Per record component: its parameter group, or null for a parameter of the task's own. */
    private final Group[] groups;

    private TaskFamily(Class<? extends Task> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException(type.getName() + " is not a concrete task class");
        }
        this.type = type;
        this.name = type.getSimpleName();
        List<ParameterSpec> specs = new ArrayList<>();
        List<Group> groupList = new ArrayList<>();
        try {
            if (type.isRecord()) {
                RecordComponent[] components = type.getRecordComponents();
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    Class<?> componentType = components[i].getType();
                    if (componentType.isAnnotationPresent(ParameterGroup.class)) {
                        groupList.add(group(components[i], specs));
                    } else {
                        specs.add(spec(components[i], null));
                        groupList.add(null);
                    }
                    types[i] = componentType;
                }
                constructor = type.getDeclaredConstructor(types);
            } else {
                constructor = type.getDeclaredConstructor();
            }
            constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName()
                    + " must be a record or have a no-argument constructor", e);
        }
        this.parameters = List.copyOf(specs);
        this.groups = groupList.toArray(Group[]::new);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ParameterSpec p : parameters) {
            if (!seen.add(ParameterSpec.normalize(p.name()))) {
                throw new IllegalArgumentException("task " + name + " has two parameters named '" + p.name()
                        + "' (one of them from a parameter group); rename one");
            }
        }
    }

    /** A parameter group's components, added to the flat parameter list. */
    private Group group(RecordComponent component, List<ParameterSpec> specs) throws NoSuchMethodException {
        Class<?> groupType = component.getType();
        if (!groupType.isRecord()) {
            throw new IllegalArgumentException("task " + name + ": parameter group " + groupType.getSimpleName()
                    + " must be a record");
        }
        Method owner = component.getAccessor();
        owner.setAccessible(true);
        RecordComponent[] inner = groupType.getRecordComponents();
        Class<?>[] types = new Class<?>[inner.length];
        int first = specs.size();
        for (int i = 0; i < inner.length; i++) {
            if (inner[i].getType().isAnnotationPresent(ParameterGroup.class)) {
                throw new IllegalArgumentException("task " + name + ": parameter group " + groupType.getSimpleName()
                        + " holds another group (" + inner[i].getName() + "); groups do not nest");
            }
            specs.add(spec(inner[i], owner));
            types[i] = inner[i].getType();
        }
        Constructor<?> groupConstructor = groupType.getDeclaredConstructor(types);
        groupConstructor.setAccessible(true);
        return new Group(groupConstructor, first, inner.length);
    }

    /** Where a parameter group's values sit in the flat parameter list, and how to build the group. */
    private record Group(Constructor<?> constructor, int first, int size) {
    }

    /** The family of a task class (cached). */
    public static TaskFamily of(Class<?> type) {
        if (!Task.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type.getName() + " does not implement " + Task.class.getName());
        }
        return CACHE.get(type);
    }

    /** Task's own method names: a component with one of them would replace the method. */
    private static final java.util.Set<String> TASK_METHODS =
            java.util.Set.of("requires", "output", "input", "complete", "run", "family", "id");

    private ParameterSpec spec(RecordComponent component, Method group) {
        Param param = component.getAnnotation(Param.class);
        if (TASK_METHODS.contains(component.getName())) {
            throw new IllegalArgumentException("task " + name + ": record component '" + component.getName()
                    + "' replaces Task." + component.getName() + "(); give it another name and keep '"
                    + component.getName() + "' as the parameter's name with @Param(name = \"" + component.getName() + "\")");
        }
        String parameterName = param != null && !param.name().isEmpty() ? param.name() : component.getName();
        ParameterType parameterType;
        try {
            parameterType = ParameterTypes.forType(component.getGenericType());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("task " + name + ", parameter '" + parameterName + "': "
                    + e.getMessage(), e);
        }
        Bounds bounds = component.getAnnotation(Bounds.class);
        if (bounds != null) {
            Class<?> raw = component.getType();
            if (!(raw.isPrimitive() && raw != boolean.class && raw != char.class) && !Number.class.isAssignableFrom(raw)) {
                throw new IllegalArgumentException("task " + name + ", parameter '" + parameterName
                        + "': @Bounds applies to numbers, not " + parameterType.name());
            }
            parameterType = BoundedType.of(parameterType, bounds);
        }
        Optional<Object> defaultValue = Optional.empty();
        if (component.getType() == Optional.class) {
            defaultValue = Optional.of(Optional.empty());
        }
        if (param != null && !Param.NO_DEFAULT.equals(param.defaultValue())) {
            try {
                defaultValue = Optional.of(parameterType.parse(param.defaultValue()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException("task " + name + ", parameter '" + parameterName
                        + "' (" + parameterType.name() + "): default '" + param.defaultValue() + "' is "
                        + e.getMessage(), e);
            }
        }
        Method accessor = component.getAccessor();
        accessor.setAccessible(true);
        return new ParameterSpec(parameterName, component.getGenericType(), parameterType,
                param == null ? "" : param.value(), defaultValue, param == null || param.significant(), accessor, group);
    }

    public String name() {
        return name;
    }

    public Class<? extends Task> type() {
        return type;
    }

    public List<ParameterSpec> parameters() {
        return parameters;
    }

    /** The parameter with this name in any spelling (camelCase, kebab-case, snake_case). */
    public Optional<ParameterSpec> parameter(String anySpelling) {
        String wanted = ParameterSpec.normalize(anySpelling);
        return parameters.stream().filter(p -> ParameterSpec.normalize(p.name()).equals(wanted)).findFirst();
    }

    /** The parameter values of a task, by name, in declaration order. */
    public Map<String, Object> values(Task task) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterSpec p : parameters) {
            values.put(p.name(), read(p, task));
        }
        return values;
    }

    /** The parameter values as canonical text, optionally only the significant ones. */
    public Map<String, String> textValues(Task task, boolean significantOnly) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ParameterSpec p : parameters) {
            if (!significantOnly || p.significant()) {
                Object value = read(p, task);
                values.put(p.name(), value == null ? "null" : p.type().serialize(value));
            }
        }
        return values;
    }

    private static Object read(ParameterSpec p, Task task) {
        return p.read(task);
    }

    /**
     * Builds a task from typed values given by code; missing ones come from the sources, then
     * the defaults.
     */
    public Task instantiate(Map<String, ?> given, ParameterSources sources) {
        checkKnown(given.keySet());
        Object[] args = new Object[parameters.size()];
        for (int i = 0; i < args.length; i++) {
            ParameterSpec p = parameters.get(i);
            Object value = findGiven(given, p);
            args[i] = value != null ? accept(p, value) : resolve(p, sources);
        }
        return construct(args);
    }

    /** Builds a task from parameter values written as text (a task parameter's JSON, for instance). */
    public Task instantiateFromText(Map<String, String> given, ParameterSources sources) {
        checkKnown(given.keySet());
        Object[] args = new Object[parameters.size()];
        for (int i = 0; i < args.length; i++) {
            ParameterSpec p = parameters.get(i);
            String text = (String) findGiven(given, p);
            args[i] = text != null ? parse(p, text, "the given value") : resolve(p, sources);
        }
        return construct(args);
    }

    /** A value given by code: of the parameter's type, or text that parses to it. */
    private Object accept(ParameterSpec p, Object value) {
        Class<?> expected = boxed(p.accessor().getReturnType());
        if (expected.isInstance(value)) {
            try {
                p.type().check(value);
            } catch (IllegalArgumentException e) {
                throw new ParameterException("task " + name + ", parameter '" + p.name() + "' (" + p.type().name()
                        + "): cannot use value '" + p.type().serialize(value) + "' given by the code that built the task: "
                        + e.getMessage(), e);
            }
            return value;
        }
        if (value instanceof String text) {
            return parse(p, text, "the code that built the task");
        }
        throw new ParameterException("task " + name + ", parameter '" + p.name() + "' (" + p.type().name()
                + "): cannot use value '" + value + "' of type " + value.getClass().getSimpleName()
                + " given by the code that built the task");
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
    }

    private static Object findGiven(Map<String, ?> given, ParameterSpec p) {
        Object value = given.get(p.name());
        if (value == null) {
            for (Map.Entry<String, ?> e : given.entrySet()) {
                if (ParameterSpec.normalize(e.getKey()).equals(ParameterSpec.normalize(p.name()))) {
                    return e.getValue();
                }
            }
        }
        return value;
    }

    private void checkKnown(Iterable<String> names) {
        for (String n : names) {
            if (parameter(n).isEmpty()) {
                throw new ParameterException("task " + name + " has no parameter '" + n + "'; its parameters: "
                        + describeParameters());
            }
        }
    }

    /** The parameter list for error messages: {@code param (String), n (int)} or {@code none}. */
    public String describeParameters() {
        if (parameters.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        for (ParameterSpec p : parameters) {
            parts.add(p.name() + " (" + p.type().name() + ")");
        }
        return String.join(", ", parts);
    }

    private Object resolve(ParameterSpec p, ParameterSources sources) {
        Optional<ParameterSources.SourcedText> text = sources.lookup(name, p.name());
        if (text.isPresent()) {
            return parse(p, text.get().text(), text.get().origin());
        }
        return p.defaultValue().orElseThrow(() -> new ParameterException("task " + name + ": missing value for parameter '"
                + p.name() + "' (" + p.type().name() + "); pass --" + p.optionName() + " or --" + name + "-"
                + p.optionName() + ", or set " + p.name() + "= in section [" + name + "] of the config"));
    }

    /** Parses a parameter's text, naming task, parameter, type, value and origin when it fails. */
    public Object parse(ParameterSpec p, String text, String origin) {
        try {
            return p.type().parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException("task " + name + ", parameter '" + p.name() + "' (" + p.type().name()
                    + "): cannot use value '" + text + "' from " + origin + ": " + e.getMessage(), e);
        }
    }

    private Task construct(Object[] flat) {
        try {
            return (Task) constructor.newInstance(componentValues(flat));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw new ParameterException(rejection(flat, re), re);
            }
            throw new IllegalStateException("cannot construct task " + name, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct task " + name, e);
        }
    }

    /**
     * The message of a constructor's own check: naming the parameter (and its value) that its
     * message names, else every parameter with its value.
     */
    private String rejection(Object[] args, RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        List<Integer> named = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            if (java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(parameters.get(i).name()) + "\\b")
                    .matcher(message).find()) {
                named.add(i);
            }
        }
        if (named.size() == 1) {
            ParameterSpec p = parameters.get(named.get(0));
            return "task " + name + ", parameter '" + p.name() + "' (" + p.type().name() + "): cannot use value '"
                    + text(p, args[named.get(0)]) + "': " + message;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            values.add(parameters.get(i).name() + "=" + text(parameters.get(i), args[i]));
        }
        return "task " + name + " rejected its parameters (" + String.join(", ", values) + "): " + message;
    }

    /** A value as the command line writes it (an empty Optional as nothing, a date as 2016-01-01). */
    private static String text(ParameterSpec p, Object value) {
        try {
            return value == null ? "null" : p.type().serialize(value);
        } catch (RuntimeException notItsType) {
            return String.valueOf(value);
        }
    }

    /** The record's constructor arguments from the flat parameter values: each group built from its part. */
    private Object[] componentValues(Object[] flat) throws ReflectiveOperationException {
        if (groups.length == flat.length && java.util.Arrays.stream(groups).allMatch(java.util.Objects::isNull)) {
            return flat;
        }
        Object[] args = new Object[groups.length];
        int next = 0;
        for (int i = 0; i < groups.length; i++) {
            Group g = groups[i];
            if (g == null) {
                args[i] = flat[next++];
            } else {
                try {
                    args[i] = g.constructor().newInstance(java.util.Arrays.copyOfRange(flat, g.first(), g.first() + g.size()));
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw new ParameterException("task " + name + ": parameter group "
                                + g.constructor().getDeclaringClass().getSimpleName() + " rejected its parameters: "
                                + re.getMessage(), re);
                    }
                    throw e;
                }
                next += g.size();
            }
        }
        return args;
    }

    @Override
    public String toString() {
        return name;
    }
}
