package io.cascata.core.param;

import io.cascata.core.Bounds;

/**
 * A numeric parameter type that also keeps its values within declared {@link Bounds}.
 *
 * @param inner the number type (int, long, double)
 * @param min the smallest value allowed
 * @param max the largest value allowed
 */
record BoundedType(ParameterType inner, double min, double max) implements ParameterType {

    static BoundedType of(ParameterType inner, Bounds bounds) {
        return new BoundedType(inner, bounds.min(), bounds.max());
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public Object parse(String text) {
        Object value = inner.parse(text);
        check(value);
        return value;
    }

    @Override
    public String serialize(Object value) {
        return inner.serialize(value);
    }

    @Override
    public void check(Object value) {
        if (!(value instanceof Number n)) {
            return;
        }
        double v = n.doubleValue();
        if (v < min || v > max || Double.isNaN(v)) {
            throw new IllegalArgumentException("must be " + describe());
        }
    }

    @Override
    public Object successor(Object value) {
        return inner.successor(value);
    }

    private String describe() {
        boolean low = min != Double.NEGATIVE_INFINITY;
        boolean high = max != Double.POSITIVE_INFINITY;
        if (low && high) {
            return "between " + number(min) + " and " + number(max);
        }
        return low ? "at least " + number(min) : "at most " + number(max);
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
