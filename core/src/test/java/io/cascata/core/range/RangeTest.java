package io.cascata.core.range;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.cli.CascataCommand;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.param.ParameterException;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskState;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Format;
import io.cascata.core.targets.LocalTarget;
import io.cascata.core.time.DateHour;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Date ranges as Luigi's RangeDaily, RangeHourly and RangeMonthly: only the missing tasks, checked with one listing. */
class RangeTest {

    private static final LocalDate FIRST = LocalDate.of(2016, 1, 1);
    private static final LocalDate END = LocalDate.of(2026, 1, 1);
    private static final Instant NOW = Instant.parse("2026-01-01T06:00:00Z");
    private static final List<LocalDate> MISSING = List.of(LocalDate.of(2016, 1, 1), LocalDate.of(2016, 2, 29),
            LocalDate.of(2020, 6, 15), LocalDate.of(2023, 3, 1), LocalDate.of(2025, 12, 31));

    @TempDir
    Path tmp;

    /** One file a day, on a storage that counts how often it is looked at. */
    record RgDaily(@Param(significant = false) String dir, LocalDate date) implements Task {
        @Override
        public FileTarget output() {
            return FileTarget.of(CountingStorage.INSTANCE, dir + "/daily-" + date + ".txt", Format.PLAIN);
        }

        @Override
        public void run() throws IOException {
            output().writeText("day " + date);
        }
    }

    record RgHourly(@Param(significant = false) String dir, DateHour hour) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/hourly-" + hour + ".txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("hour " + hour);
        }
    }

    record RgMonthly(@Param(significant = false) String dir, YearMonth month, @Param(defaultValue = "eu") String region)
            implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/monthly-" + region + "-" + month + ".txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("month " + month);
        }
    }

    record RgTwoDates(LocalDate from, LocalDate to) implements Task {
    }

    /** Ten years of daily files but a few days, made once for the class; tests put back what they add. */
    @TempDir
    static Path days;

    @BeforeAll
    static void tenYearsButAFewDays() throws IOException {
        for (LocalDate d = FIRST; d.isBefore(END); d = d.plusDays(1)) {
            if (!MISSING.contains(d)) {
                Files.writeString(days.resolve("daily-" + d + ".txt"), "day " + d);
            }
        }
    }

    @BeforeEach
    void countFromZero() {
        CountingStorage.INSTANCE.reset();
    }

    @AfterEach
    void missingAgain() throws IOException {
        for (LocalDate d : MISSING) {
            Files.deleteIfExists(days.resolve("daily-" + d + ".txt"));
        }
    }

    private RangeDaily tenYears() {
        return RangeDaily.of(RgDaily.class, FIRST, END).withOfParams(Map.of("dir", days.toString()))
                .withDaysBack(4000).withTaskLimit(100).withNow(NOW);
    }

    private static RunResult run(Task root) {
        return Driver.builder().config(CascataConfig.empty()).build().run(root);
    }

    private static Set<LocalDate> ran(RunResult result) {
        return result.inState(TaskState.COMPLETED).stream().map(o -> o.task())
                .filter(t -> t instanceof RgDaily).map(t -> ((RgDaily) t).date()).collect(Collectors.toSet());
    }

    @Test
    void aTenYearRangeRunsOnlyTheMissingDaysAndChecksThemWithOneListing() {
        RangeDaily range = tenYears();
        List<Task> required = range.requires();
        assertEquals(MISSING, required.stream().map(t -> ((RgDaily) t).date()).toList());
        assertEquals(1, CountingStorage.INSTANCE.listings.get(), "one listing for 3,650 days");
        assertEquals(0, CountingStorage.INSTANCE.stats.get(), "no look at each file");

        RunResult first = run(range);
        assertEquals(Set.copyOf(MISSING), ran(first));
        for (LocalDate d : MISSING) {
            assertTrue(Files.exists(days.resolve("daily-" + d + ".txt")), d.toString());
        }
        String summary = ExecutionSummary.render(first);
        assertTrue(summary.contains("* 6 ran successfully:\n    - 1 RangeDaily(...)\n"
                + "    - 5 RgDaily(date=2016-01-01,2016-02-29,2020-06-15,...)\n"), summary);

        RunResult second = run(range);
        assertEquals(Set.of(), ran(second));
        assertTrue(ExecutionSummary.render(second).contains("Scheduled 1 tasks of which:\n* 1 complete ones were encountered:\n"
                + "    - 1 RangeDaily(...)\n"), ExecutionSummary.render(second));
    }

    @Test
    void aFirstBackfillIsOneCollapsedLineInTheSummary() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        RangeDaily range = RangeDaily.of(RgDaily.class, FIRST, END).withOfParams(Map.of("dir", empty.toString()))
                .withDaysBack(4000).withTaskLimit(4000).withNow(NOW);
        RunResult result = Driver.builder().config(CascataConfig.empty()).workers(2).build().run(range);
        assertEquals(3653, ran(result).size());
        assertTrue(ExecutionSummary.render(result).contains("    - 3653 RgDaily(date=2016-01-01...2025-12-31)\n"),
                ExecutionSummary.render(result));
    }

    @Test
    void theTaskLimitTakesTheOldestOrInReverseTheNewestFirst() {
        assertEquals(MISSING.subList(0, 2), tenYears().withTaskLimit(2).requires().stream()
                .map(t -> ((RgDaily) t).date()).toList());
        assertEquals(List.of(MISSING.get(4), MISSING.get(3)), tenYears().withTaskLimit(2).withReverse(true).requires()
                .stream().map(t -> ((RgDaily) t).date()).toList());
        assertEquals(List.of(), tenYears().withTaskLimit(0).requires());
    }

    @Test
    void daysBackBoundsTheWindowAsInLuigi() {
        // Luigi's default look-back is 100 days, even with an earlier start: only 2025-12-31 is in it.
        RangeDaily recent = RangeDaily.of(RgDaily.class, FIRST, END).withOfParams(Map.of("dir", days.toString()))
                .withNow(NOW);
        assertEquals(List.of(LocalDate.of(2025, 12, 31)), recent.requires().stream().map(t -> ((RgDaily) t).date()).toList());
        // Without a stop, the window runs up to today (the day of "now") included.
        RangeDaily open = RangeDaily.of(RgDaily.class, LocalDate.of(2025, 12, 30), null)
                .withOfParams(Map.of("dir", days.toString())).withNow(Instant.parse("2026-01-02T06:00:00Z"));
        assertEquals(List.of(LocalDate.of(2025, 12, 31), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2)),
                open.requires().stream().map(t -> ((RgDaily) t).date()).toList());
        // No start: backwards from the stop, as far as the look-back reaches.
        RangeDaily backwards = new RangeDaily("RgDaily", Map.of("dir", days.toString()), Optional.empty(),
                Optional.of(LocalDate.of(2016, 3, 1)), true, 50, 69, 0,
                Optional.of(Instant.parse("2016-03-10T00:00:00Z").getEpochSecond()), Optional.empty());
        assertEquals(List.of(LocalDate.of(2016, 2, 29), LocalDate.of(2016, 1, 1)),
                backwards.requires().stream().map(t -> ((RgDaily) t).date()).toList());
    }

    @Test
    void hourlyAndMonthlyRanges() throws IOException {
        Files.writeString(tmp.resolve("hourly-2016-01-01T01.txt"), "x");
        RangeHourly hours = RangeHourly.of(RgHourly.class, DateHour.parse("2016-01-01T00"), DateHour.parse("2016-01-01T04"))
                .withOfParams(Map.of("dir", tmp.toString())).withNow(Instant.parse("2016-01-02T00:00:00Z"));
        assertEquals(List.of("2016-01-01T00", "2016-01-01T02", "2016-01-01T03"),
                hours.requires().stream().map(t -> ((RgHourly) t).hour().toString()).toList());

        Files.writeString(tmp.resolve("monthly-us-2025-11.txt"), "x");
        RangeMonthly months = RangeMonthly.of(RgMonthly.class, YearMonth.of(2025, 10), YearMonth.of(2026, 3))
                .withOfParams(Map.of("dir", tmp.toString(), "region", "us")).withNow(Instant.parse("2026-01-15T00:00:00Z"));
        // The window stops at this month (January) exclusive, as Luigi's moving stop is the month's start.
        assertEquals(List.of(YearMonth.of(2025, 10), YearMonth.of(2025, 12)),
                months.requires().stream().map(t -> ((RgMonthly) t).month()).toList());
    }

    @Test
    void badRangesAreRejectedWhenBuilt() {
        assertTrue(assertThrows(ParameterException.class, () -> io.cascata.core.param.TaskFamily.of(RangeDaily.class).instantiate(Map.of("of", "RgDaily"),
                        io.cascata.core.param.ParameterSources.none())).getMessage().matches(
                "task RangeDaily rejected its parameters \\(of=RgDaily, .*, start=, stop=, .*\\): give a start, a stop or both"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RangeDaily.of(RgDaily.class, null, END))
                .getMessage().contains("without a start, the range must run in reverse (--reverse)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RangeDaily.of(RgDaily.class, END, FIRST))
                .getMessage().contains("start 2026-01-01 is after stop 2016-01-01"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RangeDaily.of(RgTwoDates.class, FIRST, END))
                .getMessage().contains("task RgTwoDates has 2 LocalDate parameters (from, to); name one with --param-name"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RangeMonthly.of(RgDaily.class, YearMonth.of(2019, 1),
                YearMonth.of(2020, 1))).getMessage().contains("task RgDaily has no YearMonth parameters"));
        List<Task> named = new RangeDaily("RgTwoDates", Map.of("from", "2000-01-01"), Optional.of(FIRST), Optional.of(END),
                false, 50, 3, 0, Optional.of(NOW.getEpochSecond()), Optional.of("to")).requires();
        assertEquals(List.of(new RgTwoDates(LocalDate.of(2000, 1, 1), LocalDate.of(2025, 12, 30)),
                new RgTwoDates(LocalDate.of(2000, 1, 1), LocalDate.of(2025, 12, 31))), named);
    }

    private static String[] cli(Path dir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CascataCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), name -> null).execute(args);
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void fromTheCommandLine() {
        String[] first = cli(tmp, "RangeDaily", "--of", "RgDaily", "--start", "2016-01-01", "--stop", "2026-01-01",
                "--days-back", "4000", "--now", String.valueOf(NOW.getEpochSecond()), "--RgDaily-dir", days.toString(),
                "--no-lock", "--no-progress");
        assertEquals("0", first[0], first[2]);
        assertTrue(first[1].contains("    - 5 RgDaily(date=2016-01-01,2016-02-29,2020-06-15,...)\n"), first[1]);
        String[] bad = cli(tmp, "RangeDaily", "--of", "RgDaily", "--stop", "2026-01-01", "--no-lock");
        assertEquals("2", bad[0], bad[2]);
        assertTrue(bad[2].startsWith("error: task RangeDaily rejected its parameters (of=RgDaily, ")
                && bad[2].endsWith("): without a start, the range must run in reverse (--reverse)\n"), bad[2]);
        String[] unknown = cli(tmp, "RangeDaily", "--of", "Dayly", "--start", "2016-01-01", "--no-lock");
        assertEquals("2", unknown[0], unknown[2]);
        assertTrue(unknown[2].startsWith("error: task RangeDaily rejected its parameters (of=Dayly, ")
                && unknown[2].contains("): unknown task family 'Dayly'; known families: "), unknown[2]);
    }
}
