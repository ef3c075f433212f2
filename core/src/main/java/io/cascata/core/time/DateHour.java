package io.cascata.core.time;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One hour of one day, the value of an hourly task's parameter (Luigi's {@code DateHourParameter}):
 * written {@code 2016-01-01T05}, as Luigi writes it, so that output paths and command lines
 * carry over; {@code 2016-01-01T05:00} is read too.
 *
 * @param start the first instant of the hour (minutes, seconds and nanoseconds zero)
 */
public record DateHour(LocalDateTime start) implements Comparable<DateHour> {

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH");

    public DateHour {
        Objects.requireNonNull(start, "start");
        if (!start.truncatedTo(ChronoUnit.HOURS).equals(start)) {
            throw new IllegalArgumentException(start + " is not the start of an hour");
        }
    }

    /** The hour {@code hour} (0-23) of a day. */
    public static DateHour of(LocalDate date, int hour) {
        return new DateHour(date.atTime(hour, 0));
    }

    /** Reads {@code 2016-01-01T05} or {@code 2016-01-01T05:00}. */
    public static DateHour parse(String text) {
        String t = text.trim();
        try {
            if (t.length() == 13) {
                return new DateHour(LocalDateTime.parse(t + ":00"));
            }
            return new DateHour(LocalDateTime.parse(t));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date-hour (e.g. 2016-01-01T05)", e);
        }
    }

    /** The hour {@code hours} later (or earlier, when negative). */
    public DateHour plusHours(long hours) {
        return new DateHour(start.plusHours(hours));
    }

    /** The day this hour belongs to. */
    public LocalDate date() {
        return start.toLocalDate();
    }

    @Override
    public int compareTo(DateHour other) {
        return start.compareTo(other.start);
    }

    @Override
    public String toString() {
        return TEXT.format(start);
    }
}
