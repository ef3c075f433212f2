package io.cascata.testing;

/**
 * What one run of the command line as its own process gave.
 *
 * @param exitCode the process's exit code
 * @param out standard output: the Execution Summary and what tasks print
 * @param err standard error: the logs and error messages
 */
public record CommandLineOutcome(int exitCode, String out, String err) {
}
