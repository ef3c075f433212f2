package io.cascata.core.param;

import java.util.Optional;

/**
 * An {@code Optional<T>} parameter (Luigi's {@code OptionalParameter}): empty text, or no value
 * anywhere, is empty; any other text is read as {@code T}. An empty value is written as the
 * empty text, as Luigi writes {@code None}.
 *
 * @param inner the type of the value it holds
 */
record OptionalType(ParameterType inner) implements ParameterType {

    @Override
    public String name() {
        return "Optional<" + inner.name() + ">";
    }

    @Override
    public Object parse(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(inner.parse(text));
    }

    @Override
    public String serialize(Object value) {
        Optional<?> optional = (Optional<?>) value;
        return optional.map(inner::serialize).orElse("");
    }

    @Override
    public void check(Object value) {
        ((Optional<?>) value).ifPresent(inner::check);
    }
}
