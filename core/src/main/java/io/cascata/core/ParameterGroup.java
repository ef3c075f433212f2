package io.cascata.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a record a set of parameters that several task families share, as Luigi's
 * {@code @inherits} and {@code @requires} share a task's parameters: a task record with a
 * component of this type has the group's components as parameters of its own, flattened
 * ({@code --date}, {@code --region}, {@code [Family] date=}, {@code Family(date=..., region=...)}),
 * and passes the group on to the tasks it requires in one argument.
 *
 * <pre>{@code
 * @ParameterGroup
 * public record Partition(@Param("day of the data") LocalDate date, @Param("region code") String region) {}
 *
 * public record CleanEvents(Partition partition) implements Task { ... }
 * public record DailyReport(Partition partition, @Param(defaultValue = "10") int top) implements Task {
 *     public CleanEvents requires() { return new CleanEvents(partition); }
 * }
 * }</pre>
 *
 * Components of a group may carry {@link Param} and {@link Bounds}; a group cannot hold another group.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ParameterGroup {
}
