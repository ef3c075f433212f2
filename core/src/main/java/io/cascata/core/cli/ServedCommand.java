package io.cascata.core.cli;

import io.cascata.core.launch.RunDeclined;
import io.cascata.core.launch.ServedProgram;
import io.cascata.core.launch.ServedRun;
import io.cascata.core.run.RunCancellation;
import io.cascata.core.settings.LogLevel;
import java.util.Optional;

/**
 * The command line as a run server runs it ({@link io.cascata.core.launch.RunServer}): each run
 * gets its client's streams and signals, as {@link CascataMain} gives a run its own process's.
 * The logging backend reads its level once, when the server's first run sets it up, so a later
 * run that asks for another level is declined and runs in a JVM of its own.
 */
final class ServedCommand implements ServedProgram {

    /** The level the server's logging was set up with; empty before its first run got that far. */
    private Optional<String> loggingLevel = Optional.empty();

    @Override
    public int run(ServedRun run) {
        RunCancellation cancellation = new RunCancellation();
        InterruptSignals signals = InterruptSignals.relayed(cancellation, run.err(), run.exitNow());
        run.signals().handOn(signals::received);
        HostProcess host = new HostProcess(true, cancellation, signals::exitCode, result -> { }, run.terminal(),
                this::logLevel);
        int code = new CascataCommand(run.out(), run.err(), System::getenv, host)
                .execute(run.args().toArray(String[]::new));
        run.out().flush();
        synchronized (this) {
            // A run that set no level may still have started the logging, at its default.
            loggingLevel = Optional.of(loggingLevel.orElse(LogLevel.INFO.log4jName()));
        }
        return signals.exitCode(code);
    }

    private synchronized void logLevel(Optional<LogLevel> asked) {
        String level = asked.map(LogLevel::log4jName).orElse(LogLevel.INFO.log4jName());
        if (loggingLevel.isEmpty()) {
            HostProcess.setLogLevel(asked);
            loggingLevel = Optional.of(level);
        } else if (!loggingLevel.get().equals(level)) {
            throw new RunDeclined("this run server logs at " + loggingLevel.get() + ", the run asks for " + level);
        }
    }
}
