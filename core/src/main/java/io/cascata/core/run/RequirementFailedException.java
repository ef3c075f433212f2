package io.cascata.core.run;

/**
 * Thrown by {@link ExecutionContext#require} when a task required at run time failed, is missing
 * or was left pending: the task that required it fails with this message, which names them, and
 * is not retried (its requirement would fail it again).
 */
public final class RequirementFailedException extends RuntimeException {

    RequirementFailedException(String message) {
        super(message);
    }
}
