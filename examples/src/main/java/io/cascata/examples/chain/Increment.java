package io.cascata.examples.chain;

import io.cascata.beam.BeamStage;
import io.cascata.beam.StageContext;
import io.cascata.beam.Weight;
import io.cascata.core.Param;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.Workspace;
import java.util.List;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * A chain of heavy stages with next to no work, to see what a stage itself costs: stage 1 writes
 * the numbers 1 to 10, and each later stage reads the one before it and adds one.
 * {@code Increment --step 5} runs five stages; by default they run as one fused Flink job, with
 * {@code --no-fuse} as a job each.
 */
public record Increment(@Param(value = "which stage of the chain this is, from 1", defaultValue = "5") int step)
        implements BeamStage {

    public Increment {
        if (step < 1) {
            throw new IllegalArgumentException("step must be at least 1, got " + step);
        }
    }

    @Override
    public List<Increment> requires() {
        return step == 1 ? List.of() : List.of(new Increment(step - 1));
    }

    @Override
    public DirectoryTarget output() {
        return Workspace.directory(this, "step-" + step);
    }

    @Override
    public Weight weight() {
        return Weight.HEAVY;
    }

    @Override
    public void build(StageContext stage) {
        PCollection<String> numbers = step == 1
                ? stage.begin().apply(Create.of(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")))
                : stage.readText(new Increment(step - 1).output());
        stage.writeText(numbers.apply(MapElements.into(TypeDescriptors.strings())
                .via((String n) -> Long.toString(Long.parseLong(n.trim()) + 1))), output());
    }
}
