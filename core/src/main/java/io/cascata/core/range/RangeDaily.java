package io.cascata.core.range;

import io.cascata.core.Bounds;
import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.WrapperTask;
import java.time.LocalDate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A range of a daily task family's tasks, one a day: backfills, and catching up after downtime.
 *
 * <p>As Luigi's {@code RangeDaily}, it requires only the missing tasks of its window: from
 * {@code start} (inclusive) or, when later, now minus {@code daysBack}, up to {@code stop}
 * (exclusive) or, when earlier, now plus {@code daysForward}; at most {@code taskLimit} of them, the
 * oldest first, or the newest first with {@code reverse}. Whether they are missing is found with
 * one listing of each directory their outputs are in, on the local disk as on HDFS. Once they
 * are all complete, the range requires nothing and is complete.
 *
 * <pre>
 * java -jar pipeline.jar RangeDaily --of Family --start 2016-01-01 --stop 2026-01-01 --days-back 4000
 * </pre>
 *
 * In code: {@code RangeDaily.of(Family.class, start, stop)}, then the {@code with...} methods.
 *
 * @param of the family to complete; its tasks take one {@code LocalDate} parameter
 * @param ofParams the family's other parameters, as text (Luigi's {@code of_params})
 * @param start the first of the range, inclusive
 * @param stop the end of the range, exclusive
 * @param reverse whether the newest missing tasks come first
 * @param taskLimit how many missing tasks to require at most
 * @param daysBack how far back from now the range reaches, in days
 * @param daysForward how far ahead of now the range reaches, in days
 * @param now the time to count from, in seconds since the epoch; empty for the clock
 * @param paramName the family's parameter that takes each LocalDate, when it has several
 */
public record RangeDaily(
        @Param("the family to complete") String of,
        @Param(value = "the family's other parameters, as a JSON object", defaultValue = "{}") Map<String, String> ofParams,
        @Param("the first of the range, inclusive") Optional<LocalDate> start,
        @Param("the end of the range, exclusive") Optional<LocalDate> stop,
        @Param(value = "require the newest missing tasks first", defaultValue = "false") boolean reverse,
        @Param(value = "how many missing tasks to require at most", defaultValue = "50") @Bounds(min = 0) int taskLimit,
        @Param(value = "how far back from now the range reaches, in days", defaultValue = "100") @Bounds(min = 0) int daysBack,
        @Param(value = "how far ahead of now the range reaches, in days", defaultValue = "0") @Bounds(min = 0) int daysForward,
        @Param("the time to count from, in seconds since the epoch (default: the clock)") Optional<Long> now,
        @Param("the family's parameter that takes each LocalDate, when it has several") Optional<String> paramName)
        implements WrapperTask {

    public RangeDaily {
        ofParams = Map.copyOf(ofParams);
        window(of, ofParams, start, stop, reverse, taskLimit, daysBack, daysForward, now, paramName).check();
    }

    /** A range over a family from start (inclusive) to stop (exclusive), with Luigi's defaults otherwise. */
    public static RangeDaily of(Class<? extends Task> family, LocalDate start, LocalDate stop) {
        return new RangeDaily(RangeWindow.familyName(family), Map.of(), Optional.ofNullable(start), Optional.ofNullable(stop), false, 50,
                100, 0, Optional.empty(), Optional.empty());
    }

    /** The same range, newest first when {@code reverse}. */
    public RangeDaily withReverse(boolean reverse) {
        return new RangeDaily(of, ofParams, start, stop, reverse, taskLimit, daysBack, daysForward, now, paramName);
    }

    /** The same range, requiring at most this many tasks. */
    public RangeDaily withTaskLimit(int taskLimit) {
        return new RangeDaily(of, ofParams, start, stop, reverse, taskLimit, daysBack, daysForward, now, paramName);
    }

    /** The same range, reaching this far back from now. */
    public RangeDaily withDaysBack(int daysBack) {
        return new RangeDaily(of, ofParams, start, stop, reverse, taskLimit, daysBack, daysForward, now, paramName);
    }

    /** The same range, reaching this far ahead of now. */
    public RangeDaily withDaysForward(int daysForward) {
        return new RangeDaily(of, ofParams, start, stop, reverse, taskLimit, daysBack, daysForward, now, paramName);
    }

    /** The same range, counting from this time instead of the clock. */
    public RangeDaily withNow(Instant now) {
        return new RangeDaily(of, ofParams, start, stop, reverse, taskLimit, daysBack, daysForward, Optional.of(now.getEpochSecond()),
                paramName);
    }

    /** The same range, with the family's other parameters. */
    public RangeDaily withOfParams(Map<String, String> ofParams) {
        return new RangeDaily(of, ofParams, start, stop, reverse, taskLimit, daysBack, daysForward, now, paramName);
    }

    /** The same range, ranging the family's parameter of this name. */
    public RangeDaily withParamName(String paramName) {
        return new RangeDaily(of, ofParams, start, stop, reverse, taskLimit, daysBack, daysForward, now, Optional.of(paramName));
    }

    /** The missing tasks of the window, at most {@code taskLimit}. */
    @Override
    public List<Task> requires() {
        return window(of, ofParams, start, stop, reverse, taskLimit, daysBack, daysForward, now, paramName)
                .requirements("RangeDaily of " + of);
    }

    private static RangeWindow window(String of, Map<String, String> ofParams, Optional<LocalDate> start,
            Optional<LocalDate> stop, boolean reverse, int taskLimit, int back, int forward, Optional<Long> now,
            Optional<String> paramName) {
        return new RangeWindow(Step.DAY, of, ofParams, start, stop, reverse, taskLimit, back, forward, now, paramName);
    }
}
