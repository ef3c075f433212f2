package io.cascata.core.config;

/** A config file that cannot be read or used: the message names the file, section and key. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
