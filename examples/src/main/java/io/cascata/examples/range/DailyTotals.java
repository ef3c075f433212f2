package io.cascata.examples.range;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Targets;
import java.time.LocalDate;

/**
 * One day's totals: a task of a daily family, one file a day in one directory, local or on HDFS.
 * {@code RangeDaily --of DailyTotals} backfills the days that are missing.
 */
public record DailyTotals(@Param("the day") LocalDate date,
        @Param(value = "where the daily files go", defaultValue = "output/daily", significant = false) String dir)
        implements Task {

    @Override
    public FileTarget output() {
        return Targets.file(dir + "/totals-" + date + ".txt");
    }

    @Override
    public void run() throws Exception {
        // A stand-in for a day's real work: a figure that depends on the day alone.
        output().writeText(date + "\t" + (date.getDayOfYear() * 37 % 1000) + "\n");
    }
}
