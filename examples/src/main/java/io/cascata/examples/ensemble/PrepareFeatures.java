package io.cascata.examples.ensemble;

import io.cascata.beam.BeamStage;
import io.cascata.beam.StageContext;
import io.cascata.beam.Weight;
import io.cascata.core.Param;
import io.cascata.core.targets.Workspace;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.FileTarget;
import java.util.Locale;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The heavy feature preparation: from each raw row, the four inputs plus two derived features
 * (an interaction and a square), and a deterministic 80/20 train/test split by row id.
 */
public record PrepareFeatures(@Param(value = "number of rows", defaultValue = "20000") int rows,
        @Param(value = "random seed", defaultValue = "17") long seed) implements BeamStage {

    @Override
    public GenerateData requires() {
        return new GenerateData(rows, seed);
    }

    @Override
    public DirectoryTarget output() {
        return Workspace.directory(this, "features");
    }

    @Override
    public Weight weight() {
        return Weight.HEAVY;
    }

    @Override
    public void build(StageContext stage) {
        FileTarget raw = input();
        stage.writeText(stage.readText(raw).apply("Features", MapElements.into(TypeDescriptors.strings())
                .via(PrepareFeatures::prepare)), output());
    }

    static String prepare(String line) {
        String[] p = line.split(",");
        long id = Long.parseLong(p[0]);
        double x1 = Double.parseDouble(p[1]);
        double x2 = Double.parseDouble(p[2]);
        double x3 = Double.parseDouble(p[3]);
        double x4 = Double.parseDouble(p[4]);
        String split = Math.floorMod(id * 2654435761L, 100) < 80 ? "train" : "test";
        return String.format(Locale.ROOT, "%s,%s,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f", split, p[5], x1, x2, x3, x4, x1 * x2, x3 * x3);
    }
}
