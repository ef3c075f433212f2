package io.cascata.core.range;

import io.cascata.core.Bounds;
import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.WrapperTask;
import io.cascata.core.time.DateHour;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A range of an hourly task family's tasks, one an hour: backfills, and catching up after downtime.
 *
 * <p>As Luigi's {@code RangeHourly}, it requires only the missing tasks of its window: from
 * {@code start} (inclusive) or, when later, now minus {@code hoursBack}, up to {@code stop}
 * (exclusive) or, when earlier, now plus {@code hoursForward}; at most {@code taskLimit} of them, the
 * oldest first, or the newest first with {@code reverse}. Whether they are missing is found with
 * one listing of each directory their outputs are in, on the local disk as on HDFS. Once they
 * are all complete, the range requires nothing and is complete.
 *
 * <pre>
 * java -jar pipeline.jar RangeHourly --of Family --start 2016-01-01T00 --stop 2016-01-08T00 --hours-back 100000
 * </pre>
 *
 * In code: {@code RangeHourly.of(Family.class, start, stop)}, then the {@code with...} methods.
 *
 * @param of the family to complete; its tasks take one {@code DateHour} parameter
 * @param ofParams the family's other parameters, as text (Luigi's {@code of_params})
 * @param start the first of the range, inclusive
 * @param stop the end of the range, exclusive
 * @param reverse whether the newest missing tasks come first
 * @param taskLimit how many missing tasks to require at most
 * @param hoursBack how far back from now the range reaches, in hours
 * @param hoursForward how far ahead of now the range reaches, in hours
 * @param now the time to count from, in seconds since the epoch; empty for the clock
 * @param paramName the family's parameter that takes each DateHour, when it has several
 */
public record RangeHourly(
        @Param("the family to complete") String of,
        @Param(value = "the family's other parameters, as a JSON object", defaultValue = "{}") Map<String, String> ofParams,
        @Param("the first of the range, inclusive") Optional<DateHour> start,
        @Param("the end of the range, exclusive") Optional<DateHour> stop,
        @Param(value = "require the newest missing tasks first", defaultValue = "false") boolean reverse,
        @Param(value = "how many missing tasks to require at most", defaultValue = "50") @Bounds(min = 0) int taskLimit,
        @Param(value = "how far back from now the range reaches, in hours", defaultValue = "2400") @Bounds(min = 0) int hoursBack,
        @Param(value = "how far ahead of now the range reaches, in hours", defaultValue = "0") @Bounds(min = 0) int hoursForward,
        @Param("the time to count from, in seconds since the epoch (default: the clock)") Optional<Long> now,
        @Param("the family's parameter that takes each DateHour, when it has several") Optional<String> paramName)
        implements WrapperTask {

    public RangeHourly {
        ofParams = Map.copyOf(ofParams);
        window(of, ofParams, start, stop, reverse, taskLimit, hoursBack, hoursForward, now, paramName).check();
    }

    /** A range over a family from start (inclusive) to stop (exclusive), with Luigi's defaults otherwise. */
    public static RangeHourly of(Class<? extends Task> family, DateHour start, DateHour stop) {
        return new RangeHourly(RangeWindow.familyName(family), Map.of(), Optional.ofNullable(start), Optional.ofNullable(stop), false, 50,
                2400, 0, Optional.empty(), Optional.empty());
    }

    /** The same range, newest first when {@code reverse}. */
    public RangeHourly withReverse(boolean reverse) {
        return new RangeHourly(of, ofParams, start, stop, reverse, taskLimit, hoursBack, hoursForward, now, paramName);
    }

    /** The same range, requiring at most this many tasks. */
    public RangeHourly withTaskLimit(int taskLimit) {
        return new RangeHourly(of, ofParams, start, stop, reverse, taskLimit, hoursBack, hoursForward, now, paramName);
    }

    /** The same range, reaching this far back from now. */
    public RangeHourly withHoursBack(int hoursBack) {
        return new RangeHourly(of, ofParams, start, stop, reverse, taskLimit, hoursBack, hoursForward, now, paramName);
    }

    /** The same range, reaching this far ahead of now. */
    public RangeHourly withHoursForward(int hoursForward) {
        return new RangeHourly(of, ofParams, start, stop, reverse, taskLimit, hoursBack, hoursForward, now, paramName);
    }

    /** The same range, counting from this time instead of the clock. */
    public RangeHourly withNow(Instant now) {
        return new RangeHourly(of, ofParams, start, stop, reverse, taskLimit, hoursBack, hoursForward, Optional.of(now.getEpochSecond()),
                paramName);
    }

    /** The same range, with the family's other parameters. */
    public RangeHourly withOfParams(Map<String, String> ofParams) {
        return new RangeHourly(of, ofParams, start, stop, reverse, taskLimit, hoursBack, hoursForward, now, paramName);
    }

    /** The same range, ranging the family's parameter of this name. */
    public RangeHourly withParamName(String paramName) {
        return new RangeHourly(of, ofParams, start, stop, reverse, taskLimit, hoursBack, hoursForward, now, Optional.of(paramName));
    }

    /** The missing tasks of the window, at most {@code taskLimit}. */
    @Override
    public List<Task> requires() {
        return window(of, ofParams, start, stop, reverse, taskLimit, hoursBack, hoursForward, now, paramName)
                .requirements("RangeHourly of " + of);
    }

    private static RangeWindow window(String of, Map<String, String> ofParams, Optional<DateHour> start,
            Optional<DateHour> stop, boolean reverse, int taskLimit, int back, int forward, Optional<Long> now,
            Optional<String> paramName) {
        return new RangeWindow(Step.HOUR, of, ofParams, start, stop, reverse, taskLimit, back, forward, now, paramName);
    }
}
