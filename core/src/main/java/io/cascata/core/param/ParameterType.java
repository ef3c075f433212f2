package io.cascata.core.param;

/**
 * How one Java type of parameter is read from text (command line, config, defaults) and written
 * back as text (task ids, the summary, the deps tree).
 */
public interface ParameterType {

    /** A short name for help and error messages, e.g. {@code int} or {@code List<LocalDate>}. */
    String name();

    /** Reads a value; throws {@link IllegalArgumentException} with a reason when it cannot. */
    Object parse(String text);

    /** The canonical text of a value: parse(serialize(v)) equals v. */
    String serialize(Object value);

    /**
     * Checks a typed value (one given by code, say) against what the parameter declares beyond
     * its type, such as bounds; throws {@link IllegalArgumentException} with the reason.
     */
    default void check(Object value) {
    }

    /**
     * The value after this one when values of the type are counted one by one (the next int, the
     * next day, the next hour), as the summary needs to write a run of values as {@code a...b};
     * null for types that are not counted.
     */
    default Object successor(Object value) {
        return null;
    }
}
