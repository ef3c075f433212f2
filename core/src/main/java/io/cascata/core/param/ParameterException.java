package io.cascata.core.param;

/**
 * A parameter value that is missing or cannot be read. The message names the task family, the
 * parameter, the expected type and the offending value.
 */
public final class ParameterException extends RuntimeException {

    public ParameterException(String message) {
        super(message);
    }

    public ParameterException(String message, Throwable cause) {
        super(message, cause);
    }
}
