package io.cascata.core.cli;

import io.cascata.core.run.RunCancellation;

/**
 * The program's entry point: {@code java -jar pipeline.jar TaskFamily --param value ...}. It
 * owns its process, so the run's parameter sources are also what threads outside the driver see
 * (see {@link io.cascata.core.param.ParameterSources}), and Ctrl-C and SIGTERM cancel the run
 * (see {@link InterruptSignals}).
 */
public final class CascataMain {

    private CascataMain() {
    }

    public static void main(String[] args) {
        RunCancellation cancellation = new RunCancellation();
        InterruptSignals signals = InterruptSignals.install(cancellation, System.err);
        int code = new CascataCommand(System.out, System.err, System::getenv, true, cancellation, signals::exitCode)
                .execute(args);
        System.out.flush();
        System.exit(signals.exitCode(code));
    }
}
