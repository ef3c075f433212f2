package io.cascata.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The version of a task's code: raise it when the task computes something different, and its
 * parameter-aware outputs ({@link io.cascata.core.targets.Workspace}) get new paths, so that it
 * and everything downstream run again. {@code --explain} names the change. Without it, and with
 * {@code [core] rerun-on-code-change} on, a hash of the task class's bytecode serves instead.
 *
 * <pre>{@code
 * @Version("2")
 * record Clean(@Param("day") LocalDate day) implements Task { ... }
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Version {

    /** Any text; only whether it changed matters. */
    String value();
}
