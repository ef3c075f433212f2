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
}
