package io.cascata.examples;

import io.cascata.beam.BeamStage;
import io.cascata.beam.StageContext;
import io.cascata.beam.Weight;
import io.cascata.core.Param;
import io.cascata.core.targets.LocalDirectoryTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;

/**
 * A heavy stage whose one element takes {@code work}, for the tests of a signal that comes while
 * its Flink job runs: when the element starts, it writes the file stage-started in the working
 * directory.
 */
public record SlowStage(@Param(defaultValue = "120s") Duration work) implements BeamStage {

    @Override
    public LocalDirectoryTarget output() {
        return LocalDirectoryTarget.of("output/slow_stage");
    }

    @Override
    public Weight weight() {
        return Weight.HEAVY;
    }

    @Override
    public void build(StageContext stage) {
        stage.writeText(stage.begin().apply(Create.of(List.of("x"))).apply(ParDo.of(new TakeItsTime(work.toMillis()))),
                output());
    }

    /** Says it started, then sleeps until the work is done or Flink cancels the job. */
    static final class TakeItsTime extends DoFn<String, String> {
        private final long millis;

        TakeItsTime(long millis) {
            this.millis = millis;
        }

        @ProcessElement
        public void process(@Element String x, OutputReceiver<String> out) throws Exception {
            Files.writeString(Path.of("stage-started"), "started");
            Thread.sleep(millis);
            out.output(x);
        }
    }
}
