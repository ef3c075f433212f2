package io.cascata.core.operate;

import java.util.Optional;

/**
 * Something a module starts with a command-line run, when the run's config asks for it, such as
 * the status page of {@code --ui}. Found through {@link java.util.ServiceLoader}; an exception
 * it throws is logged and changes nothing about the run.
 */
@FunctionalInterface
public interface RunStartHook {

    /** What watches this run; empty when the config does not ask for it. */
    Optional<RunWatcher> runStarting(StartingRun run);
}
