package io.cascata.examples.daily;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;

/**
 * A partition's report: takes the same {@link Partition} as the step it requires and hands it on
 * whole, as Luigi's {@code @requires} does, so {@code --date} and {@code --region} reach both.
 */
public record RegionReport(Partition partition, @Param(value = "lines to keep", defaultValue = "10") int top,
        @Param(value = "output directory", defaultValue = "output/events", significant = false) String dir)
        implements Task {

    @Override
    public ExtractEvents requires() {
        return new ExtractEvents(partition, dir);
    }

    @Override
    public LocalTarget output() {
        return LocalTarget.of(dir + "/" + partition.region() + "/report-" + partition.date() + ".txt");
    }

    @Override
    public void run() throws Exception {
        LocalTarget events = input();
        output().writeText("report (top " + top + "): " + events.readText());
    }
}
