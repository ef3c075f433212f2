package io.cascata.core.run;

/** Tasks that require each other: the message names the cycle. */
public final class DependencyCycleException extends RuntimeException {

    public DependencyCycleException(String message) {
        super(message);
    }
}
