package io.cascata.core.launch;

/**
 * Thrown by a {@link ServedProgram} before it has written anything, when this run server cannot
 * run the request as its own JVM would (it asks for another log level than the one the server's
 * logging was set up with): the client then runs it in a JVM of its own.
 */
public final class RunDeclined extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RunDeclined(String reason) {
        super(reason);
    }
}
