package io.cascata.core.cli;

import io.cascata.core.launch.RunDeclined;
import io.cascata.core.launch.ServedProgram;
import io.cascata.core.launch.ServedRun;
import io.cascata.core.param.ParameterSources;
import io.cascata.core.run.RunCancellation;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskOutcome;
import io.cascata.core.settings.LogLevel;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The command line as a run server runs it ({@link io.cascata.core.launch.RunServer}): each run
 * gets its client's streams and signals, as {@link CascataMain} gives a run its own process's.
 * The logging backend reads its level once, when it starts in the server's first run, so a
 * later run that asks for another level (or for one, where the first gave none) is declined and
 * runs in a JVM of its own.
 */
final class ServedCommand implements ServedProgram {

    private static final List<String> DAMAGE = List.of("OutOfMemoryError", "LinkageError", "NoClassDefFoundError",
            "ExceptionInInitializerError", "StackOverflowError");

    /**
     * The level the server's first run gave the logging backend (empty inside: none, its
     * default); empty before a run has got that far.
     */
    private Optional<Optional<LogLevel>> loggingLevel = Optional.empty();

    @Override
    public int run(ServedRun run) {
        RunCancellation cancellation = new RunCancellation();
        InterruptSignals signals = InterruptSignals.relayed(cancellation, run.err(), run.exitNow());
        run.signals().handOn(signals::received);
        HostProcess host = new HostProcess(true, cancellation, signals::exitCode, result -> damage(result).ifPresent(run.retire()),
                run.terminal(), asked -> logLevel(asked, run));
        try {
            int code = new CascataCommand(run.out(), run.err(), System::getenv, host)
                    .execute(run.args().toArray(String[]::new));
            run.out().flush();
            return signals.exitCode(code);
        } finally {
            ParameterSources.setProcessDefault(null); // the run's task graph goes with it
            synchronized (this) {
                // A run that set no level (--help, say) may still have started the logging, at its default.
                loggingLevel = Optional.of(loggingLevel.orElse(Optional.empty()));
            }
        }
    }

    /**
     * What a run's failures say of the JVM it ran in: one that ran out of memory, or failed to
     * link or initialize a class (which then fails every later run), is no place for the next run.
     */
    private static Optional<String> damage(RunResult result) {
        return result.outcomes().stream().map(TaskOutcome::error).filter(Objects::nonNull)
                .filter(error -> error.startsWith("out of memory") || DAMAGE.stream().anyMatch(error::contains))
                .findFirst().map(error -> "its last run failed with " + error.lines().findFirst().orElse(error));
    }

    private synchronized void logLevel(Optional<LogLevel> asked, ServedRun run) {
        if (loggingLevel.isEmpty()) {
            HostProcess.setLogLevel(asked);
            loggingLevel = Optional.of(asked);
        } else if (!loggingLevel.get().equals(asked)) {
            throw new RunDeclined("this run server logs at " + name(loggingLevel.get()) + ", the run asks for " + name(asked));
        }
        run.accept().run();
    }

    private static String name(Optional<LogLevel> level) {
        return level.map(LogLevel::log4jName).orElse("the default level");
    }
}
