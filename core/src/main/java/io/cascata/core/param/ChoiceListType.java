package io.cascata.core.param;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.cascata.core.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A list of an enum's constants (Luigi's {@code ChoiceListParameter}): written
 * {@code red,yellow} (or as a JSON array), any case; a value that is not a constant is an error
 * naming it and the choices. Written back as the constants' names joined by commas, in the
 * given order.
 *
 * @param enumType the enum
 */
record ChoiceListType(Class<?> enumType) implements ParameterType {

    @Override
    public String name() {
        return "List<" + enumType.getSimpleName() + ">";
    }

    @Override
    public Object parse(String text) {
        String t = text.trim();
        List<String> words = new ArrayList<>();
        if (t.startsWith("[")) {
            try {
                words.addAll(Json.mapper().readValue(t, new TypeReference<List<String>>() { }));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not a JSON array of names: " + e.getOriginalMessage(), e);
            }
        } else if (!t.isEmpty()) {
            for (String word : t.split(",")) {
                words.add(word.trim());
            }
        }
        List<Object> values = new ArrayList<>(words.size());
        for (String word : words) {
            values.add(constant(word));
        }
        return Collections.unmodifiableList(values);
    }

    private Object constant(String word) {
        for (Object c : enumType.getEnumConstants()) {
            if (((Enum<?>) c).name().equalsIgnoreCase(word)) {
                return c;
            }
        }
        List<String> names = new ArrayList<>();
        for (Object c : enumType.getEnumConstants()) {
            names.add(((Enum<?>) c).name());
        }
        throw new IllegalArgumentException("'" + word + "' is not one of " + String.join(", ", names));
    }

    @Override
    public String serialize(Object value) {
        List<String> names = new ArrayList<>();
        for (Object c : (List<?>) value) {
            names.add(((Enum<?>) c).name());
        }
        return String.join(",", names);
    }
}
