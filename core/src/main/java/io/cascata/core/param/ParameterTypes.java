package io.cascata.core.param;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascata.core.Task;
import io.cascata.core.json.Json;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.YearMonth;
import io.cascata.core.time.DateHour;
import io.cascata.core.time.DateInterval;
import io.cascata.core.time.DateMinute;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameter types Cascata understands: String, int, long, double, boolean, enums,
 * LocalDate, LocalDateTime, YearMonth, Year, DateHour, DateMinute, DateInterval, Duration, Path,
 * Optional of any of these, List (a list of an enum's constants as {@code a,b}), Map and task
 * instances.
 */
public final class ParameterTypes {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|d|h|m|s)");

    private ParameterTypes() {
    }

    /** The type for a record component's generic type; unsupported types are rejected. */
    public static ParameterType forType(Type type) {
        Class<?> raw = rawClass(type);
        if (raw == String.class) {
            return simple("String", s -> s, String::valueOf);
        }
        if (raw == int.class || raw == Integer.class) {
            return counted("int", s -> Integer.parseInt(s.trim()), v -> (Integer) v + 1);
        }
        if (raw == long.class || raw == Long.class) {
            return counted("long", s -> Long.parseLong(s.trim()), v -> (Long) v + 1);
        }
        if (raw == double.class || raw == Double.class) {
            return simple("double", s -> Double.parseDouble(s.trim()), String::valueOf);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return simple("boolean", ParameterTypes::parseBoolean, String::valueOf);
        }
        if (raw == LocalDate.class) {
            return counted("LocalDate", s -> LocalDate.parse(s.trim()), v -> ((LocalDate) v).plusDays(1));
        }
        if (raw == LocalDateTime.class) {
            return simple("LocalDateTime", s -> LocalDateTime.parse(s.trim()), String::valueOf);
        }
        if (raw == Duration.class) {
            return simple("Duration", ParameterTypes::parseDuration, String::valueOf);
        }
        if (raw == YearMonth.class) {
            return counted("YearMonth", s -> YearMonth.parse(s.trim()), v -> ((YearMonth) v).plusMonths(1));
        }
        if (raw == Year.class) {
            return counted("Year", ParameterTypes::parseYear, v -> ((Year) v).plusYears(1));
        }
        if (raw == DateHour.class) {
            return counted("DateHour", DateHour::parse, v -> ((DateHour) v).plusHours(1));
        }
        if (raw == DateMinute.class) {
            return counted("DateMinute", DateMinute::parse, v -> ((DateMinute) v).plusMinutes(1));
        }
        if (raw == DateInterval.class) {
            return simple("DateInterval", DateInterval::parse, String::valueOf);
        }
        if (raw == Path.class) {
            return simple("Path", ParameterTypes::parsePath, String::valueOf);
        }
        if (raw == Optional.class) {
            if (!(type instanceof ParameterizedType p)) {
                throw new IllegalArgumentException("say what the Optional holds, e.g. Optional<Integer>");
            }
            Type held = p.getActualTypeArguments()[0];
            if (rawClass(held) == Optional.class) {
                throw new IllegalArgumentException("an Optional of an Optional is not a parameter type");
            }
            return new OptionalType(forType(held));
        }
        if (raw.isEnum()) {
            return enumType(raw);
        }
        if (raw == List.class && type instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] instanceof Class<?> element && element.isEnum()) {
            return new ChoiceListType(element);
        }
        if (raw == List.class || raw == Map.class) {
            return jsonType(type, raw);
        }
        if (Task.class.isAssignableFrom(raw)) {
            return new TaskInstanceType(raw);
        }
        throw new IllegalArgumentException("unsupported parameter type " + type.getTypeName()
                + " (supported: String, int, long, double, boolean, enums, LocalDate, LocalDateTime, "
                + "YearMonth, Year, DateHour, DateMinute, DateInterval, Duration, Path, Optional, List, Map and tasks)");
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("unsupported parameter type " + type.getTypeName());
    }

    /** A type whose values are counted one by one: the summary writes a run of them as {@code a...b}. */
    private static ParameterType counted(String name, Function<String, Object> parse, UnaryOperator<Object> next) {
        ParameterType plain = simple(name, parse, String::valueOf);
        return new ParameterType() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Object parse(String text) {
                return plain.parse(text);
            }

            @Override
            public String serialize(Object value) {
                return plain.serialize(value);
            }

            @Override
            public Object successor(Object value) {
                return next.apply(value);
            }
        };
    }

    private static Object parseYear(String text) {
        String t = text.trim();
        if (!t.matches("\\d{4}")) {
            throw new IllegalArgumentException("not a year (four digits, e.g. 2016)");
        }
        return Year.parse(t);
    }

    private static Object parsePath(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a path cannot be empty");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a path: " + e.getReason(), e);
        }
    }

    private static ParameterType simple(String name, Function<String, Object> parse,
            Function<Object, String> serialize) {
        return new ParameterType() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Object parse(String text) {
                try {
                    return parse.apply(text);
                } catch (NumberFormatException | DateTimeParseException e) {
                    throw new IllegalArgumentException("not a valid " + name, e);
                }
            }

            @Override
            public String serialize(Object value) {
                return serialize.apply(value);
            }
        };
    }

    private static Object parseBoolean(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("yes") || t.equals("1")) {
            return true;
        }
        if (t.equals("false") || t.equals("no") || t.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException("not a boolean (true or false)");
    }

    /** ISO-8601 ({@code PT1H30M}) or a short form such as {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 2d}. */
    static Duration parseDuration(String text) {
        String t = text.trim();
        if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
            Duration d;
            try {
                d = Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a valid ISO-8601 duration", e);
            }
            if (d.isNegative()) {
                // a time to wait, keep or work is never negative; the task would fail only once it ran
                throw new IllegalArgumentException("a duration must not be negative");
            }
            return d;
        }
        Matcher m = SHORT_DURATION.matcher(t.replace(" ", ""));
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
            });
            end = m.end();
        }
        if (end == 0 || end != t.replace(" ", "").length()) {
            throw new IllegalArgumentException("not a duration (e.g. PT1H30M, 90s, 5m, 1h30m, 2d)");
        }
        return total;
    }

    private static ParameterType enumType(Class<?> raw) {
        Object[] constants = raw.getEnumConstants();
        List<String> names = new ArrayList<>();
        for (Object c : constants) {
            names.add(((Enum<?>) c).name());
        }
        return simple(raw.getSimpleName(), text -> {
            for (Object c : constants) {
                if (((Enum<?>) c).name().equalsIgnoreCase(text.trim())) {
                    return c;
                }
            }
            throw new IllegalArgumentException("not one of " + names);
        }, value -> ((Enum<?>) value).name());
    }

    private static ParameterType jsonType(Type type, Class<?> raw) {
        JavaType javaType = Json.mapper().getTypeFactory().constructType(type);
        String name = type.getTypeName().replaceAll("[a-zA-Z_$][\\w$]*\\.", "");
        return new ParameterType() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Object parse(String text) {
                try {
                    Object value = Json.mapper().readValue(text, javaType);
                    if (value instanceof List<?> list) {
                        return Collections.unmodifiableList(new ArrayList<>(list));
                    }
                    return Collections.unmodifiableMap(new LinkedHashMap<>((Map<?, ?>) value));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("not a JSON " + (raw == List.class ? "array" : "object")
                            + " of " + name + ": " + e.getOriginalMessage(), e);
                }
            }

            @Override
            public String serialize(Object value) {
                try {
                    return Json.mapper().writeValueAsString(value);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("cannot write " + value + " as JSON", e);
                }
            }
        };
    }

    /**
     * A task given as a parameter, written {@code {"type":"Family","params":{"name":"value"}}}.
     * The nested task's parameters are part of the outer task's identity.
     */
    private record TaskInstanceType(Class<?> declared) implements ParameterType {

        @Override
        public String name() {
            return declared == Task.class ? "Task" : declared.getSimpleName();
        }

        @Override
        public Object parse(String text) {
            JsonNode node;
            try {
                node = Json.mapper().readTree(text);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not a task as JSON {\"type\":...,\"params\":{...}}", e);
            }
            if (node == null || !node.hasNonNull("type")) {
                throw new IllegalArgumentException("a task parameter needs {\"type\":\"Family\",\"params\":{...}}");
            }
            TaskFamily family = TaskRegistry.global().resolve(node.get("type").asText());
            if (!declared.isAssignableFrom(family.type())) {
                throw new IllegalArgumentException("task " + family.name() + " is not a " + declared.getSimpleName());
            }
            Map<String, String> given = new LinkedHashMap<>();
            JsonNode params = node.get("params");
            if (params != null) {
                params.fields().forEachRemaining(e -> given.put(e.getKey(),
                        e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
            }
            return family.instantiateFromText(given, ParameterSources.current());
        }

        @Override
        public String serialize(Object value) {
            Task task = (Task) value;
            TaskFamily family = TaskFamily.of(task.getClass());
            ObjectNode node = Json.mapper().createObjectNode();
            ObjectNode params = node.putObject("params");
            family.textValues(task, false).forEach(params::put);
            node.put("type", family.name());
            return node.toString();
        }
    }
}
