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
 * @param exitNow ends the client with this exit code and the server with it, at once (a second
 *     Ctrl-C)
 */
public record ServedRun(List<String> args, PrintStream out, PrintStream err, boolean terminal, SignalRelay signals,
        Runnable accept, IntConsumer exitNow) {

    public ServedRun {
        args = List.copyOf(args);
    }

    /** Hands the client's signals to whoever handles them for the run; those before a handler is set are kept for it. */
    public static final class SignalRelay {
        private final java.util.List<String> early = new java.util.ArrayList<>();
        private Consumer<String> handler;

        /** From now on, each signal the client receives goes to {@code handler} ({@code INT}, {@code TERM}, {@code HUP}). */
        public void handOn(Consumer<String> handler) {
            List<String> waiting;
            synchronized (this) {
                this.handler = handler;
                waiting = List.copyOf(early);
                early.clear();
            }
            waiting.forEach(handler);
        }

        void deliver(String signal) {
            Consumer<String> to;
            synchronized (this) {
                to = handler;
                if (to == null) {
                    early.add(signal);
                    return;
                }
            }
            to.accept(signal);
        }
    }
}
