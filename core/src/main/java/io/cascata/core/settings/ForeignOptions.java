package io.cascata.core.settings;

import java.util.List;

/**
 * Command-line options that no declared setting names but a module understands as they are:
 * Beam's own pipeline options ({@code --tempLocation=...}), say. Before anything runs, the
 * command line offers each module the options it does not know; what a module takes, it checks
 * and turns into values of its own settings; an option no module takes is a usage error.
 * Implementations are found with {@link java.util.ServiceLoader}.
 */
public interface ForeignOptions {

    /** What these options are, for the message about an option nobody knows: "Beam pipeline options". */
    String describe();

    /**
     * Takes the options among these ({@code --name=value} or {@code --name}, as given) that the
     * module knows. A bad value is a {@link io.cascata.core.config.ConfigException} naming the
     * option, the value and what is expected.
     */
    Claim claim(List<String> options);
}
