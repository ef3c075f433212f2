package io.cascata.core.param;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cascata.core.Bounds;
import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.TaskId;
import io.cascata.core.Tasks;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.time.DateHour;
import io.cascata.core.time.DateInterval;
import io.cascata.core.time.DateMinute;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Optional values, months, years, date-hours, date-minutes, date intervals, paths, bounds and lists of choices. */
class MoreParameterTypesTest {

    enum Color { RED, YELLOW, BLUE }

    record Typed(Optional<Integer> limit, YearMonth month, Year year, DateHour hour, DateMinute minute,
            DateInterval interval, Path path, @Bounds(min = 1, max = 64) int shards,
            @Bounds(min = 0.0, max = 1.0) @Param(defaultValue = "0.5") double ratio, List<Color> colors) implements Task {
    }

    record Bad(@Bounds(min = 1) String text) implements Task {
    }

    private static final Map<String, String> GOOD = Map.of("month", "2016-02", "year", "2016",
            "hour", "2016-02-29T23", "minute", "2016-02-29T2359", "interval", "2016-W09", "path", "data/in.txt",
            "shards", "64", "colors", "red,Blue");

    private static Typed fromCommandLine(Map<String, String> values) {
        return (Typed) TaskFamily.of(Typed.class).instantiate(Map.of(),
                new ParameterSources(Map.of("Typed", values), CascataConfig.empty()));
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> values = new java.util.HashMap<>(GOOD);
        values.put(key, value);
        return values;
    }

    private static String error(String key, String value) {
        return assertThrows(ParameterException.class, () -> fromCommandLine(with(key, value))).getMessage();
    }

    @Test
    void readsEachTypeFromText() {
        Typed t = fromCommandLine(GOOD);
        assertEquals(Optional.empty(), t.limit());
        assertEquals(YearMonth.of(2016, 2), t.month());
        assertEquals(Year.of(2016), t.year());
        assertEquals(DateHour.of(LocalDate.of(2016, 2, 29), 23), t.hour());
        assertEquals(DateMinute.of(LocalDate.of(2016, 2, 29), 23, 59), t.minute());
        assertEquals(LocalDate.of(2016, 2, 29), t.interval().start());
        assertEquals(LocalDate.of(2016, 3, 7), t.interval().end());
        assertEquals(Path.of("data/in.txt"), t.path());
        assertEquals(64, t.shards());
        assertEquals(0.5, t.ratio());
        assertEquals(List.of(Color.RED, Color.BLUE), t.colors());
        assertEquals(Optional.of(7), fromCommandLine(with("limit", "7")).limit());
    }

    @Test
    void idsWriteValuesAsLuigiDoes() {
        TaskId id = fromCommandLine(with("limit", "7")).id();
        assertEquals("Typed(limit=7, month=2016-02, year=2016, hour=2016-02-29T23, minute=2016-02-29T2359, "
                + "interval=2016-W09, path=data/in.txt, shards=64, ratio=0.5, colors=RED,BLUE)", id.display());
        assertEquals("", fromCommandLine(GOOD).id().parameters().get("limit"));
    }

    @Test
    void writtenValuesReadBackAsEqualTasks() {
        Typed t = fromCommandLine(with("interval", "2016-03-01-2016-03-15"));
        Map<String, String> text = TaskFamily.of(Typed.class).textValues(t, false);
        assertEquals(t, fromCommandLine(text));
    }

    @Test
    void dateIntervalsInEveryForm() {
        assertEquals(List.of(LocalDate.of(2016, 3, 1)), DateInterval.parse("2016-03-01").dates());
        assertEquals(31, DateInterval.parse("2016-03").dates().size());
        assertEquals(366, DateInterval.parse("2016").dates().size());
        assertEquals(LocalDate.of(2016, 1, 4), DateInterval.parse("2016-W01").start());
        DateInterval span = DateInterval.parse("2016-03-01-2016-03-15");
        assertEquals(14, span.dates().size());
        assertEquals(false, span.contains(LocalDate.of(2016, 3, 15)));
    }

    @Test
    void badValuesNameTaskParameterTypeValueAndSource() {
        assertEquals("task Typed, parameter 'month' (YearMonth): cannot use value '2016-13' from the command line: "
                + "not a valid YearMonth", error("month", "2016-13"));
        assertEquals("task Typed, parameter 'year' (Year): cannot use value '16' from the command line: "
                + "not a year (four digits, e.g. 2016)", error("year", "16"));
        assertEquals("task Typed, parameter 'hour' (DateHour): cannot use value '2016-02-29T24' from the command line: "
                + "not a date-hour (e.g. 2016-01-01T05)", error("hour", "2016-02-29T24"));
        assertEquals("task Typed, parameter 'minute' (DateMinute): cannot use value '2016-02-30T0101' from the command "
                + "line: not a date-minute (e.g. 2016-01-01T0530)", error("minute", "2016-02-30T0101"));
        assertEquals("task Typed, parameter 'interval' (DateInterval): cannot use value '2016-03-15-2016-03-01' from "
                + "the command line: an interval ends after it starts: 2016-03-15-2016-03-01",
                error("interval", "2016-03-15-2016-03-01"));
        assertEquals("task Typed, parameter 'interval' (DateInterval): cannot use value 'March' from the command line: "
                + "not a date interval (2016-03-01, 2016-W09, 2016-03, 2016 or 2016-03-01-2016-03-15)",
                error("interval", "March"));
        assertEquals("task Typed, parameter 'path' (Path): cannot use value '' from the command line: "
                + "a path cannot be empty", error("path", ""));
        assertEquals("task Typed, parameter 'shards' (int): cannot use value '65' from the command line: "
                + "must be between 1 and 64", error("shards", "65"));
        assertEquals("task Typed, parameter 'shards' (int): cannot use value '0' from the command line: "
                + "must be between 1 and 64", error("shards", "0"));
        assertEquals("task Typed, parameter 'colors' (List<Color>): cannot use value 'red,purple' from the command "
                + "line: 'purple' is not one of RED, YELLOW, BLUE", error("colors", "red,purple"));
        assertEquals("task Typed, parameter 'limit' (Optional<int>): cannot use value 'many' from the command line: "
                + "not a valid int", error("limit", "many"));
    }

    @Test
    void boundsHoldForValuesFromConfigAndCode() {
        String fromConfig = assertThrows(ParameterException.class, () -> TaskFamily.of(Typed.class).instantiate(Map.of(),
                new ParameterSources(Map.of("Typed", GOOD), CascataConfig.of(Map.of("Typed", Map.of("ratio", "1.5")),
                        name -> null)))).getMessage();
        assertEquals("task Typed, parameter 'ratio' (double): cannot use value '1.5' from config section [Typed]: "
                + "must be between 0 and 1", fromConfig);
        String fromCode = assertThrows(ParameterException.class, () -> TaskFamily.of(Typed.class).instantiate(
                Map.of("shards", 100), new ParameterSources(Map.of("Typed", GOOD), CascataConfig.empty()))).getMessage();
        assertEquals("task Typed, parameter 'shards' (int): cannot use value '100' given by the code that built the task: "
                + "must be between 1 and 64", fromCode);
    }

    @Test
    void boundsOnTextAreAMistakeInTheTaskClass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaskFamily.of(Bad.class));
        assertEquals("task Bad, parameter 'text': @Bounds applies to numbers, not String", e.getMessage());
    }

    @Test
    void summaryCountsMonthsHoursAndMinutes() {
        ParameterType month = ParameterTypes.forType(YearMonth.class);
        assertEquals(YearMonth.of(2017, 1), month.successor(YearMonth.of(2016, 12)));
        ParameterType hour = ParameterTypes.forType(DateHour.class);
        assertEquals(DateHour.parse("2016-03-01T00"), hour.successor(DateHour.parse("2016-02-29T23")));
        ParameterType minute = ParameterTypes.forType(DateMinute.class);
        assertEquals(DateMinute.parse("2016-01-01T0100"), minute.successor(DateMinute.parse("2016-01-01T0059")));
        assertEquals(null, ParameterTypes.forType(String.class).successor("a"));
    }

    @Test
    void tasksCreatedInCodeTakeTypedValues() {
        Typed t = Tasks.create(Typed.class, "limit", Optional.of(3), "month", YearMonth.of(2020, 1),
                "year", Year.of(2020), "hour", DateHour.parse("2020-01-01T00"), "minute", DateMinute.parse("2020-01-01T0000"),
                "interval", DateInterval.parse("2020"), "path", Path.of("x"), "shards", 2, "colors", List.of(Color.YELLOW));
        assertEquals(Optional.of(3), t.limit());
    }
}
