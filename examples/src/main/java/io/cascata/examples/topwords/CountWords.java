package io.cascata.examples.topwords;

import io.cascata.beam.BeamStage;
import io.cascata.beam.StageContext;
import io.cascata.beam.Weight;
import io.cascata.core.Param;
import io.cascata.core.targets.Workspace;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.Target;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/** The heavy stage of TopWords: counts every word of the input, written as {@code word<TAB>count} lines. */
public record CountWords(@Param(name = "input", value = "path of the text to count") String inputPath)
        implements BeamStage {

    @Override
    public TextFile requires() {
        return new TextFile(inputPath);
    }

    @Override
    public DirectoryTarget output() {
        return Workspace.directory(this, "counts");
    }

    @Override
    public Weight weight() {
        return Weight.HEAVY;
    }

    @Override
    public void build(StageContext stage) {
        Target text = input();
        PCollection<KV<String, Long>> counts = stage.readText(text).apply("Count words", new WordCounts());
        stage.writeText(counts.apply("Format", MapElements.into(TypeDescriptors.strings())
                .via((KV<String, Long> kv) -> kv.getKey() + "\t" + kv.getValue())), output());
    }
}
