package io.cascata.examples.events;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.run.Event;
import io.cascata.core.run.EventHandler;
import io.cascata.core.run.TaskEvent;
import io.cascata.core.targets.LocalTarget;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tutorial's processing-time handler: a class-level handler logs how long each run of this
 * task took. The task waits a while, then writes output/timed_hello.txt.
 */
public record TimedHello(@Param(value = "how long to work", defaultValue = "200ms") Duration work) implements Task {

    private static final Logger LOG = LoggerFactory.getLogger(TimedHello.class);

    @EventHandler(Event.PROCESSING_TIME)
    static void logProcessingTime(TaskEvent event) {
        LOG.info("processing time: {}s", String.format("%.2g", event.processingTime().toNanos() / 1e9));
    }

    @Override
    public LocalTarget output() {
        return LocalTarget.of("output/timed_hello.txt");
    }

    @Override
    public void run() throws Exception {
        Thread.sleep(work.toMillis());
        output().writeText("Hello after " + work);
    }
}
