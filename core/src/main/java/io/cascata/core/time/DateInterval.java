package io.cascata.core.time;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A span of whole days, the value of a task's parameter that covers several days (Luigi's
 * {@code DateIntervalParameter}), written as Luigi writes it: a day {@code 2016-03-01}, an ISO
 * week {@code 2016-W09}, a month {@code 2016-03}, a year {@code 2016}, or any span
 * {@code 2016-03-01-2016-03-15} (the second day not included).
 *
 * @param start the first day
 * @param end the day after the last
 * @param text how the interval was written; its canonical text
 */
public record DateInterval(LocalDate start, LocalDate end, String text) {

    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern SPAN = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})-(\\d{4}-\\d{2}-\\d{2})");

    public DateInterval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(text, "text");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("an interval ends after it starts: " + text);
        }
    }

    /** The days from {@code start} up to, not including, {@code end}. */
    public static DateInterval between(LocalDate start, LocalDate end) {
        return new DateInterval(start, end, start + "-" + end);
    }

    /** Reads any of the forms in the class comment. */
    public static DateInterval parse(String text) {
        String t = text.trim();
        try {
            if (DAY.matcher(t).matches()) {
                LocalDate day = LocalDate.parse(t);
                return new DateInterval(day, day.plusDays(1), t);
            }
            Matcher week = WEEK.matcher(t);
            if (week.matches()) {
                int year = Integer.parseInt(week.group(1));
                int number = Integer.parseInt(week.group(2));
                LocalDate monday = LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number)
                        .with(DayOfWeek.MONDAY);
                if (number < 1 || monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) != number) {
                    throw new IllegalArgumentException("year " + year + " has no week " + number);
                }
                return new DateInterval(monday, monday.plusWeeks(1), t);
            }
            if (MONTH.matcher(t).matches()) {
                YearMonth month = YearMonth.parse(t);
                return new DateInterval(month.atDay(1), month.plusMonths(1).atDay(1), t);
            }
            if (YEAR.matcher(t).matches()) {
                Year year = Year.parse(t);
                return new DateInterval(year.atDay(1), year.plusYears(1).atDay(1), t);
            }
            Matcher span = SPAN.matcher(t);
            if (span.matches()) {
                return new DateInterval(LocalDate.parse(span.group(1)), LocalDate.parse(span.group(2)), t);
            }
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("not a date interval: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("not a date interval (2016-03-01, 2016-W09, 2016-03, 2016 or 2016-03-01-2016-03-15)");
    }

    /** Whether a day is in the interval. */
    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && day.isBefore(end);
    }

    /** Every day of the interval, in order. */
    public List<LocalDate> dates() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = start; d.isBefore(end); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    @Override
    public String toString() {
        return text;
    }
}
