package io.cascata.core.config;

/**
 * A config file, setting or option value that cannot be read or used: the message names where
 * it is (the option, or the file, section and key), the value and what is expected. The command
 * line reports it as one line and exits 2.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
