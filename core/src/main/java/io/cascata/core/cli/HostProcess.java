package io.cascata.core.cli;

import io.cascata.core.settings.LogLevel;
import io.cascata.core.run.RunCancellation;
import io.cascata.core.run.RunResult;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;

/**
 * What a {@link CascataCommand} shares with the process it runs in: its own JVM
 * ({@link CascataMain}), a run server's JVM between runs, or a program that embeds the command.
 *
 * @param ownsProcess whether the command is the process's only work while it runs: its
 *     parameter sources then become what threads outside the driver see (see
 *     {@link io.cascata.core.param.ParameterSources})
 * @param cancellation cancels the run the command starts (its signal handlers hold it, say)
 * @param finalExitCode turns a run's exit code into the process's, for the summary JSON too (a
 *     signal that cancelled the run raises it, see {@link InterruptSignals})
 * @param ended told of each run's result once it has ended and its summary is out
 * @param terminal whether the program is on a terminal (where the progress line is drawn)
 * @param logLevel takes the log level the command's config asks for (empty: the default) before
 *     any logger exists
 */
record HostProcess(boolean ownsProcess, RunCancellation cancellation, IntUnaryOperator finalExitCode,
        Consumer<RunResult> ended, boolean terminal, Consumer<Optional<LogLevel>> logLevel) {

    /** A process of the command's own, or an embedding program's, as the public constructors give. */
    static HostProcess of(boolean ownsProcess, RunCancellation cancellation) {
        return new HostProcess(ownsProcess, cancellation, IntUnaryOperator.identity(), result -> { },
                System.console() != null, HostProcess::setLogLevel);
    }

    /** Hands the level to the logging backend (log4j 2 or slf4j-simple), which reads it when it starts. */
    static void setLogLevel(Optional<LogLevel> level) {
        level.ifPresent(l -> {
            System.setProperty("cascata.log.level", l.log4jName());
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", l.slf4jSimpleName());
        });
    }
}
