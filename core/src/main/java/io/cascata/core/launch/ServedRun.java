package io.cascata.core.launch;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * One request a {@link RunServer} runs: the client's arguments and its standard streams, whether
 * the client is on a terminal, the signals the client receives and how to end the run at once.
 *
 * @param args what {@code main} would have been given
 * @param out the client's standard output (also {@code System.out} while the run lasts)
 * @param err the client's standard error (also {@code System.err} while the run lasts)
 * @param terminal whether the client's standard input and output are a terminal
 * @param signals where the client's signals arrive, by name
 * @param accept makes the run the server's for good: after it (or the run's first output) the
 *     program may no longer decline the run
 * @param retire asks the server to take no run after this one, saying why (the run left the JVM
 *     in a state a plain run's JVM would not have outlived: out of memory, say)
 * @param exitNow ends the client with this exit code and the server with it, at once (a second
 *     Ctrl-C)
 */
public record ServedRun(List<String> args, PrintStream out, PrintStream err, boolean terminal, SignalRelay signals,
        Runnable accept, Consumer<String> retire, IntConsumer exitNow) {

    public ServedRun {
        args = List.copyOf(args);
    }
}
