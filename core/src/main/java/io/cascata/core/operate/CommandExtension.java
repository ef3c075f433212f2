package io.cascata.core.operate;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;

/**
 * A command a module adds to the command line, named by its first word (as {@code java -jar
 * pipeline.jar ui} is). Found through {@link java.util.ServiceLoader}; core knows none of them.
 */
public interface CommandExtension {

    /** The first word that selects this command. */
    String word();

    /**
     * Runs the command with the words after its own and returns the process exit code.
     *
     * @param environment the process environment, for config lookup
     * @param stop cancelled when the process is asked to stop (Ctrl-C, SIGTERM): a command that
     *     serves until then returns
     */
    int execute(List<String> args, PrintStream out, PrintStream err, Function<String, String> environment,
            io.cascata.core.run.RunCancellation stop);
}
