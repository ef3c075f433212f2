package io.cascata.core.cli;

import io.cascata.core.run.RunCancellation;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import sun.misc.Signal;

/**
 * What Ctrl-C (SIGINT) and SIGTERM do to the program: the first cancels the run (the driver
 * stops starting tasks, interrupts the running ones, discards their outputs and prints its
 * summary), a second ends the process at once. The program then exits with 128 plus the
 * signal's number (130 for SIGINT, 143 for SIGTERM), as shells report a process a signal ended.
 *
 * <p>A second signal counts only from half a second after the first: one Ctrl-C can arrive twice
 * (GNU {@code timeout} signals the command and then its process group, a wrapper script may
 * forward what its group already received), and that must not skip the orderly stop.
 *
 * <p>Installed only by {@link CascataMain}, which owns its process: signal handlers are
 * process-wide, so code that embeds the driver holds a {@link RunCancellation} of its own instead.
 */
final class InterruptSignals {

    private static final int SIGNAL_EXIT_BASE = 128;
    private static final long SAME_SIGNAL_NANOS = 500_000_000L;

    private final RunCancellation cancellation;
    private final PrintStream err;
    private final IntConsumer exitNow;
    private final AtomicReference<Received> first = new AtomicReference<>();

    /** A signal and when it came (System.nanoTime). */
    private record Received(Signal signal, long at) {
    }

    private InterruptSignals(RunCancellation cancellation, PrintStream err, IntConsumer exitNow) {
        this.cancellation = cancellation;
        this.err = err;
        this.exitNow = exitNow;
    }

    /** Handles SIGINT and SIGTERM from now on by cancelling the run. */
    static InterruptSignals install(RunCancellation cancellation, PrintStream err) {
        InterruptSignals signals = new InterruptSignals(cancellation, err, Runtime.getRuntime()::halt);
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signals::received);
            } catch (IllegalArgumentException unavailable) {
                // The JVM keeps this signal (-Xrs, or a platform without it): its default stands.
            }
        }
        return signals;
    }

    /**
     * Handles the signals a run server's client hands on ({@link #received(String)}), as
     * {@link #install} handles this process's own; {@code exitNow} ends the client at once.
     */
    static InterruptSignals relayed(RunCancellation cancellation, PrintStream err, IntConsumer exitNow) {
        return new InterruptSignals(cancellation, err, exitNow);
    }

    /** A signal by name ({@code INT}, {@code TERM}, {@code HUP}), as if this process had received it. */
    void received(String name) {
        try {
            received(new Signal(name));
        } catch (IllegalArgumentException unknown) {
            // not a signal this platform has: nothing to act on
        }
    }

    private void received(Signal signal) {
        if (!first.compareAndSet(null, new Received(signal, System.nanoTime()))) {
            if (System.nanoTime() - first.get().at() < SAME_SIGNAL_NANOS) {
                return; // the first one, delivered twice
            }
            err.println("error: SIG" + signal.getName() + " again: exiting now, without waiting for the running tasks");
            err.flush();
            exitNow.accept(exitCode(signal));
        }
        err.println("interrupted by SIG" + signal.getName() + ": stopping the running tasks (send it again to exit at once)");
        err.flush();
        cancellation.cancel("interrupted by SIG" + signal.getName());
    }

    /** The signal that cancelled the run, if one did. */
    Optional<Signal> signal() {
        return Optional.ofNullable(first.get()).map(Received::signal);
    }

    /** The process exit code: 128 plus the signal's number once a signal cancelled the run (if higher), else the run's. */
    int exitCode(int runExitCode) {
        return signal().map(s -> Math.max(runExitCode, exitCode(s))).orElse(runExitCode);
    }

    private static int exitCode(Signal signal) {
        return SIGNAL_EXIT_BASE + signal.getNumber();
    }
}
