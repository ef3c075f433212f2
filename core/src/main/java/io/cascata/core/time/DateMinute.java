package io.cascata.core.time;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One minute of one day, the value of a task's parameter that changes by the minute (Luigi's
 * {@code DateMinuteParameter}): written {@code 2016-01-01T0530}, as Luigi writes it;
 * {@code 2016-01-01T05:30} is read too.
 *
 * @param start the first instant of the minute (seconds and nanoseconds zero)
 */
public record DateMinute(LocalDateTime start) implements Comparable<DateMinute> {

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHmm")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    public DateMinute {
        Objects.requireNonNull(start, "start");
        if (!start.truncatedTo(ChronoUnit.MINUTES).equals(start)) {
            throw new IllegalArgumentException(start + " is not the start of a minute");
        }
    }

    /** The minute {@code hour:minute} of a day. */
    public static DateMinute of(LocalDate date, int hour, int minute) {
        return new DateMinute(date.atTime(hour, minute));
    }

    /** Reads {@code 2016-01-01T0530} or {@code 2016-01-01T05:30}. */
    public static DateMinute parse(String text) {
        String t = text.trim();
        try {
            if (t.length() == 15 && t.charAt(10) == 'T' && t.indexOf(':') < 0) {
                return new DateMinute(LocalDateTime.parse(t, TEXT));
            }
            return new DateMinute(LocalDateTime.parse(t));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date-minute (e.g. 2016-01-01T0530)", e);
        }
    }

    /** The minute {@code minutes} later (or earlier, when negative). */
    public DateMinute plusMinutes(long minutes) {
        return new DateMinute(start.plusMinutes(minutes));
    }

    @Override
    public int compareTo(DateMinute other) {
        return start.compareTo(other.start);
    }

    @Override
    public String toString() {
        return TEXT.format(start);
    }
}
