package io.cascata.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The range a numeric task parameter must stay in, both ends included (Luigi's
 * {@code NumericalParameter} with {@code min_value} and {@code max_value}):
 * {@code @Bounds(min = 1, max = 64) int shards}. A value outside it, from any source, is an error
 * naming the task, the parameter, the value and the bounds.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Bounds {

    /** The smallest value allowed. */
    double min() default Double.NEGATIVE_INFINITY;

    /** The largest value allowed. */
    double max() default Double.POSITIVE_INFINITY;
}
