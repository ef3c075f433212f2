package io.cascata.core.range;

import io.cascata.core.time.DateHour;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

/**
 * How a range counts: by day, hour or month. Points are instants at the turn of each unit; the
 * window is the points from the later of start and now minus the look-back, inclusive, up to the
 * earlier of stop and now plus the look-ahead, exclusive, as Luigi's {@code finite_datetimes}
 * works it out.
 */
enum Step {
    DAY(LocalDate.class, "LocalDate", "days"),
    HOUR(DateHour.class, "DateHour", "hours"),
    MONTH(YearMonth.class, "YearMonth", "months");

    private final Class<?> parameterType;
    private final String typeName;
    private final String unit;

    Step(Class<?> parameterType, String typeName, String unit) {
        this.parameterType = parameterType;
        this.typeName = typeName;
        this.unit = unit;
    }

    /** The type of the parameter a family must have to be ranged this way. */
    Class<?> parameterType() {
        return parameterType;
    }

    String typeName() {
        return typeName;
    }

    /** The plural unit, for messages: {@code days}. */
    String unit() {
        return unit;
    }

    /** The start of the unit an instant falls in. */
    LocalDateTime align(LocalDateTime t) {
        return switch (this) {
            case DAY -> t.truncatedTo(ChronoUnit.DAYS);
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case MONTH -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
        };
    }

    LocalDateTime plus(LocalDateTime t, long units) {
        return switch (this) {
            case DAY -> t.plusDays(units);
            case HOUR -> t.plusHours(units);
            case MONTH -> t.plusMonths(units);
        };
    }

    /** The earliest instant a look-back of {@code back} units from now reaches (Luigi's {@code moving_start}). */
    LocalDateTime movingStart(LocalDateTime now, long back) {
        return this == MONTH ? plus(align(now), -back) : plus(now, -back);
    }

    /** The instant a look-ahead of {@code forward} units from now reaches (Luigi's {@code moving_stop}). */
    LocalDateTime movingStop(LocalDateTime now, long forward) {
        return this == MONTH ? plus(align(now), forward) : plus(now, forward);
    }

    /** The points in {@code [from, to)}, at the turn of each unit. */
    java.util.List<LocalDateTime> points(LocalDateTime from, LocalDateTime to) {
        java.util.List<LocalDateTime> points = new java.util.ArrayList<>();
        LocalDateTime end = this == MONTH ? align(to) : to;
        for (LocalDateTime t = align(from); t.isBefore(end); t = plus(t, 1)) {
            if (!t.isBefore(from)) {
                points.add(t);
            }
        }
        return points;
    }

    /** A point as the family's parameter value. */
    Object parameter(LocalDateTime point) {
        return switch (this) {
            case DAY -> point.toLocalDate();
            case HOUR -> new DateHour(point);
            case MONTH -> YearMonth.from(point);
        };
    }

    /** A range bound (a {@code LocalDate}, {@code DateHour} or {@code YearMonth}) as an instant. */
    LocalDateTime point(Object bound) {
        return switch (this) {
            case DAY -> ((LocalDate) bound).atStartOfDay();
            case HOUR -> ((DateHour) bound).start();
            case MONTH -> ((YearMonth) bound).atDay(1).atStartOfDay();
        };
    }
}
