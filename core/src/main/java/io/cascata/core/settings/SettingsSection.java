package io.cascata.core.settings;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a record a group of settings read from one config section, as a Luigi {@code Config}
 * class is: {@code @SettingsSection("core") record CoreSettings(@Setting(...) int workers, ...)}
 * reads {@code [core] workers=} and offers {@code --workers}. A module lists its groups through
 * a {@link SettingsProvider}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SettingsSection {

    /** The section name, e.g. {@code core}. */
    String value();

    /**
     * Whether the group is read from any number of named sections {@code [value.NAME]} (resource
     * tiers, say) instead of one; named groups have no command-line options.
     */
    boolean named() default false;

    /** Whether the group's settings have command-line options (each {@link Setting} may still opt out). */
    boolean commandLine() default true;
}
