package io.cascata.core.cli;

import java.util.List;

/**
 * Contributes {@link ConfigOption}s to the command line; implementations are found with
 * {@link java.util.ServiceLoader}.
 */
public interface ConfigOptionProvider {

    List<ConfigOption> options();
}
