package io.cascata.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a task parameter (a record component): its description, its default and whether it
 * is part of the task's identity.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
public @interface Param {

    /** Marks "no default": the value must come from code, the command line or the config. */
    String NO_DEFAULT = "\u0000cascata-no-default";

    /** What the parameter means, shown by {@code TaskFamily --help}. */
    String value() default "";

    /** The default, written as it would be on the command line (JSON for lists and maps). */
    String defaultValue() default NO_DEFAULT;

    /**
     * The parameter's name on the command line, in the config and in task ids, when it differs
     * from the component's: a component cannot be called {@code input} or {@code output}, since
     * those are Task's own methods, but a parameter can.
     */
    String name() default "";

    /** An insignificant parameter is left out of the task id and of the output hashes. */
    boolean significant() default true;
}
