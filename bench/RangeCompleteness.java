import io.cascata.core.Task;
import io.cascata.core.range.RangeDaily;
import io.cascata.core.targets.Targets;
import io.cascata.examples.range.DailyTotals;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * How long a date range takes to find the missing days among DAYS daily files in one directory,
 * local or on HDFS: RangeDaily's check (one listing of the directory) beside the check Luigi's
 * Range base class falls back to (each task's complete(), one look at each file), alternately in
 * one JVM. Makes the files first when they are not there (every day from 2016-01-01 but five).
 * A benchmark program, not part of pipeline.jar: run it as a source file against the jar,
 * {@code java -cp examples/target/pipeline.jar bench/RangeCompleteness.java LOCATION [DAYS] [ROUNDS]}.
 */
public final class RangeCompleteness {

    private static final LocalDate FIRST = LocalDate.of(2016, 1, 1);

    public static void main(String[] args) throws Exception {
        String location = args[0].replaceAll("/$", "");
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 3650;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        LocalDate end = FIRST.plusDays(days);
        List<LocalDate> missing = List.of(FIRST, FIRST.plusDays(days / 4), FIRST.plusDays(days / 2),
                FIRST.plusDays(3L * days / 4), end.minusDays(1));
        long made = 0;
        long start = System.nanoTime();
        for (LocalDate d = FIRST; d.isBefore(end); d = d.plusDays(1)) {
            DailyTotals task = new DailyTotals(d, location);
            if (missing.contains(d)) {
                if (task.output().exists()) {
                    throw new IllegalStateException(task.output().location() + " should be missing; use a fresh LOCATION");
                }
            } else if (!task.output().exists()) {
                task.output().writeText(d + "\n");
                made++;
            }
        }
        System.out.printf("%s: %d days, %d missing; made %d files in %.1f s%n", location, days, missing.size(), made,
                (System.nanoTime() - start) / 1e9);

        RangeDaily range = RangeDaily.of(DailyTotals.class, FIRST, end).withOfParams(Map.of("dir", location))
                .withDaysBack(days + 1000).withTaskLimit(days).withNow(Instant.parse(end + "T00:00:00Z"));
        List<Double> listing = new ArrayList<>();
        List<Double> each = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            List<Task> found = range.requires();
            listing.add((System.nanoTime() - t0) / 1e9);
            check(found.size(), missing.size(), "listing");

            t0 = System.nanoTime();
            int incomplete = 0;
            for (LocalDate d = FIRST; d.isBefore(end); d = d.plusDays(1)) {
                if (!new DailyTotals(d, location).complete()) {
                    incomplete++;
                }
            }
            each.add((System.nanoTime() - t0) / 1e9);
            check(incomplete, missing.size(), "one look at each file");
        }
        System.out.printf("%-26s %10s %10s%n", "check", "first_s", "median_s");
        System.out.printf("%-26s %10.3f %10.3f%n", "RangeDaily (one listing)", listing.get(0), median(listing));
        System.out.printf("%-26s %10.3f %10.3f%n", "each task's complete()", each.get(0), median(each));
        System.out.printf("ratio of medians: %.1fx%n", median(each) / median(listing));
    }

    private static void check(int found, int expected, String how) {
        if (found != expected) {
            throw new IllegalStateException(how + " found " + found + " missing days, expected " + expected);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
