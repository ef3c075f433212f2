package io.cascata.core.settings;

import java.util.List;

/** How much the program logs, in Luigi's (Python's) level names, with the logging backend's too. */
public enum LogLevel implements Choice {
    DEBUG("DEBUG"),
    INFO("INFO"),
    WARNING("WARNING", "WARN"),
    ERROR("ERROR"),
    CRITICAL("CRITICAL", "FATAL"),
    TRACE("TRACE"),
    NOTSET("NOTSET", "ALL"),
    OFF("OFF");

    private final List<String> spellings;

    LogLevel(String... spellings) {
        this.spellings = List.of(spellings);
    }

    @Override
    public List<String> spellings() {
        return spellings;
    }

    /** The level's name in log4j 2. */
    public String log4jName() {
        return switch (this) {
            case WARNING -> "WARN";
            case CRITICAL -> "FATAL";
            case NOTSET -> "ALL";
            default -> name();
        };
    }

    /** The level's name in slf4j-simple. */
    public String slf4jSimpleName() {
        return switch (this) {
            case CRITICAL -> "error";
            case NOTSET -> "trace";
            case WARNING -> "warn";
            default -> name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Whether the Execution Summary is printed: at INFO and below, as Luigi does. */
    public boolean showsSummary() {
        return this == DEBUG || this == INFO || this == TRACE || this == NOTSET;
    }
}
