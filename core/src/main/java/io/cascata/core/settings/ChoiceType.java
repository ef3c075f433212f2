package io.cascata.core.settings;

import io.cascata.core.param.ParameterType;
import java.util.ArrayList;
import java.util.List;

/** Reads a {@link Choice} enum by any of its spellings, ignoring case. */
final class ChoiceType implements ParameterType {

    private final Class<?> type;
    private final Object[] constants;

    ChoiceType(Class<?> type) {
        this.type = type;
        this.constants = type.getEnumConstants();
    }

    static boolean applies(Class<?> type) {
        return type.isEnum() && Choice.class.isAssignableFrom(type);
    }

    @Override
    public String name() {
        return type.getSimpleName();
    }

    @Override
    public Object parse(String text) {
        String wanted = text.trim();
        for (Object constant : constants) {
            for (String spelling : ((Choice) constant).spellings()) {
                if (spelling.equalsIgnoreCase(wanted)) {
                    return constant;
                }
            }
        }
        throw new IllegalArgumentException("not one of " + String.join(", ", shown()));
    }

    @Override
    public String serialize(Object value) {
        return ((Choice) value).spellings().get(0);
    }

    /** The first spelling of each constant. */
    List<String> shown() {
        List<String> names = new ArrayList<>();
        for (Object constant : constants) {
            names.add(((Choice) constant).spellings().get(0));
        }
        return names;
    }
}
