package io.cascata.examples.daily;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.settings.Settings;
import io.cascata.core.targets.LocalTarget;

/** Extracts one partition's events, batched as {@link ExtractSettings} says. */
public record ExtractEvents(Partition partition,
        @Param(value = "output directory", defaultValue = "output/events", significant = false) String dir)
        implements Task {

    @Override
    public LocalTarget output() {
        return LocalTarget.of(dir + "/" + partition.region() + "/events-" + partition.date() + ".txt");
    }

    @Override
    public void run() throws Exception {
        ExtractSettings extract = Settings.current(ExtractSettings.class);
        output().writeText("events of " + partition.region() + " on " + partition.date() + " from " + extract.source()
                + ", batches of " + extract.batchSize() + "\n");
    }
}
