package io.cascata.core.cli;

import io.cascata.core.launch.ArchiveLaunch;
import io.cascata.core.launch.LaunchedRun;
import io.cascata.core.launch.RunServer;
import io.cascata.core.run.RunCancellation;
import io.cascata.core.run.RunResult;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The program's entry point: {@code java -jar pipeline.jar TaskFamily --param value ...}. It
 * owns its process, so the run's parameter sources are also what threads outside the driver see
 * (see {@link io.cascata.core.param.ParameterSources}), and Ctrl-C and SIGTERM cancel the run
 * (see {@link InterruptSignals}). Started with {@code -jar}, it first hands the run to a JVM that
 * maps the jar's class archive, or to a run server that ran runs of the same kind before (see
 * {@link ArchiveLaunch}); started as a run server, it serves runs (see {@link RunServer}).
 */
public final class CascataMain {

    private CascataMain() {
    }

    public static void main(String[] args) {
        if (RunServer.isServer()) {
            System.exit(RunServer.serve(new ServedCommand()));
        }
        OptionalInt launched = ArchiveLaunch.relaunch(args, System.getenv(), System.err);
        if (launched.isPresent()) {
            System.exit(launched.getAsInt());
        }
        LaunchedRun.endWithLauncher();
        RunCancellation cancellation = new RunCancellation();
        InterruptSignals signals = InterruptSignals.install(cancellation, System.err);
        AtomicReference<RunResult> run = new AtomicReference<>();
        HostProcess host = new HostProcess(true, cancellation, signals::exitCode, run::set, System.console() != null,
                HostProcess::setLogLevel);
        int code = new CascataCommand(System.out, System.err, System::getenv, host).execute(args);
        System.out.flush();
        int exitCode = signals.exitCode(code);
        LaunchedRun.exiting(exitCode, () -> run.get() != null && run.get().ranCount() > 0 && run.get().success());
        System.exit(exitCode);
    }
}
