package io.cascata.core.settings;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares one setting: a component of a settings record (see {@link SettingsSection}). The
 * declaration is all there is: the config key, the command-line option, the help text, the
 * default and the check of a value all come from it, and code reads the value as the typed
 * record component.
 *
 * <p>Types are those of task parameters (String, int, long, double, boolean, enums, Duration,
 * dates, List and Map as JSON), an enum implementing {@link Choice} for values with several
 * spellings, and {@link java.util.Optional} of any of them for a setting that may be absent.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Setting {

    /** Marks "no default": an Optional setting is then empty and a boolean false. */
    String NO_DEFAULT = "\u0000cascata-no-default";

    /** What the setting means: one line, shown by --help. */
    String value();

    /** The default, written as on the command line; required unless Optional or boolean. */
    String defaultValue() default NO_DEFAULT;

    /** The config key when it is not the component's name in kebab-case (say {@code task_failed}). */
    String name() default "";

    /** The command-line option (without dashes) when it is not the key, e.g. {@code hadoop-conf-dir}. */
    String option() default "";

    /** How the value reads in help, e.g. {@code N} or {@code DIR}; by default from the type. */
    String label() default "";

    /**
     * Whether a task family may set its own value: {@code [Family] key=} in the config and
     * {@code --Family-option} on the command line, over the section's value.
     */
    boolean perFamily() default false;

    /** The smallest value a number may take. */
    long min() default Long.MIN_VALUE;

    /** Whether the setting has a command-line option; false for config-only settings. */
    boolean commandLine() default true;
}
