package io.cascata.examples.ensemble;

import io.cascata.beam.BeamStage;
import io.cascata.beam.StageContext;
import io.cascata.beam.Weight;
import io.cascata.core.Param;
import io.cascata.core.targets.Workspace;
import io.cascata.core.targets.DirectoryTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Trains Gaussian naive Bayes as a heavy Beam stage: its sufficient statistics (count, sum and
 * sum of squares per label and feature over the training split) are sums across the data.
 */
public record TrainNaiveBayes(@Param(value = "number of rows", defaultValue = "20000") int rows,
        @Param(value = "random seed", defaultValue = "17") long seed) implements BeamStage {

    @Override
    public PrepareFeatures requires() {
        return new PrepareFeatures(rows, seed);
    }

    @Override
    public DirectoryTarget output() {
        return Workspace.directory(this, "statistics");
    }

    @Override
    public Weight weight() {
        return Weight.HEAVY;
    }

    @Override
    public void build(StageContext stage) {
        DirectoryTarget prepared = input();
        stage.writeText(stage.readText(prepared)
                .apply("Training rows", Filter.by((String line) -> line.startsWith("train,")))
                .apply("Statistics", FlatMapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.doubles()))
                        .via(TrainNaiveBayes::statistics))
                .apply("Sum", Sum.doublesPerKey())
                .apply("Lines", MapElements.into(TypeDescriptors.strings())
                        .via((KV<String, Double> kv) -> kv.getKey() + "," + String.format(Locale.ROOT, "%.10g", kv.getValue()))),
                output());
    }

    /** For each feature of a row: (label,feature,n → 1), (…,s → x), (…,q → x²). */
    static List<KV<String, Double>> statistics(String line) {
        Example e = Example.parse(line);
        List<KV<String, Double>> out = new ArrayList<>();
        for (int i = 0; i < e.features().length; i++) {
            double x = e.features()[i];
            String key = e.label() + "," + i + ",";
            out.add(KV.of(key + "n", 1.0));
            out.add(KV.of(key + "s", x));
            out.add(KV.of(key + "q", x * x));
        }
        return out;
    }
}
