package io.cascata.core.cli;

/** The program's entry point: {@code java -jar pipeline.jar TaskFamily --param value ...}. */
public final class CascataMain {

    private CascataMain() {
    }

    public static void main(String[] args) {
        int code = new CascataCommand(System.out, System.err, System::getenv).execute(args);
        System.out.flush();
        System.exit(code);
    }
}
