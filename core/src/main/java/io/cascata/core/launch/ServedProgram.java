package io.cascata.core.launch;

/** The program a {@link RunServer} runs for each request it takes. */
@FunctionalInterface
public interface ServedProgram {

    /**
     * Runs one command line and returns its exit code.
     *
     * @throws RunDeclined before writing anything, when the request must run in a JVM of its own
     */
    int run(ServedRun run);
}
