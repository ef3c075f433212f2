package io.cascata.core.cli;

/**
 * The program's entry point: {@code java -jar pipeline.jar TaskFamily --param value ...}. It
 * owns its process, so the run's parameter sources are also what threads outside the driver see
 * (see {@link io.cascata.core.param.ParameterSources}).
 */
public final class CascataMain {

    private CascataMain() {
    }

    public static void main(String[] args) {
        int code = new CascataCommand(System.out, System.err, System::getenv, true).execute(args);
        System.out.flush();
        System.exit(code);
    }
}
