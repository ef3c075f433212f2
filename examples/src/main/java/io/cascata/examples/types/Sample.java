package io.cascata.examples.types;

import io.cascata.core.Bounds;
import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import io.cascata.core.time.DateHour;
import io.cascata.core.time.DateInterval;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/** Every kind of parameter beyond text and numbers, written back to one file: what the command line made of them. */
public record Sample(
        @Param("the month to sample") YearMonth month,
        @Param(value = "the days to sample: 2016-03-01, 2016-W09, 2016-03, 2016 or 2016-03-01-2016-03-15",
                defaultValue = "2016-03") DateInterval days,
        @Param(value = "the hour the sample is taken at", defaultValue = "2016-03-01T00") DateHour at,
        @Param(value = "how many rows at most; none for all", defaultValue = "") Optional<Integer> limit,
        @Param(value = "share of rows to keep", defaultValue = "0.1") @Bounds(min = 0, max = 1) double fraction,
        @Param(value = "output shards", defaultValue = "4") @Bounds(min = 1, max = 64) int shards,
        @Param(value = "the channels to sample", defaultValue = "web,mobile") List<Channel> channels,
        @Param(value = "where the sample is written", defaultValue = "output/sample.txt") Path destination)
        implements Task {

    /** Where events come from. */
    public enum Channel { WEB, MOBILE, STORE }

    @Override
    public LocalTarget output() {
        return LocalTarget.of(destination.toString());
    }

    @Override
    public void run() throws Exception {
        output().writeText("month " + month + ", " + days.dates().size() + " days from " + days.start() + ", at " + at
                + ", limit " + limit.map(String::valueOf).orElse("none") + ", fraction " + fraction + ", shards " + shards
                + ", channels " + channels + "\n");
    }
}
