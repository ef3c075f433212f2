package io.cascata.examples.topwords;

import io.cascata.beam.BeamStage;
import io.cascata.beam.StageContext;
import io.cascata.beam.Weight;
import io.cascata.core.Param;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.Workspace;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * CountWords in Beam's standard formulation, as users write it: a word per element, then
 * {@code Count.perElement()}; written as {@code word<TAB>count} lines. The same counts as
 * CountWords, which counts within each bundle by hand; here the stage executor's combiner lifting
 * does that (see the word count benchmark).
 */
public record CountWordsStandard(@Param(name = "input", value = "path of the text to count") String inputPath)
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
        PCollection<KV<String, Long>> counts = stage.readText(input())
                .apply("Words", ParDo.of(new Words()))
                .apply("Count", Count.perElement());
        stage.writeText(counts.apply("Format", MapElements.into(TypeDescriptors.strings())
                .via((KV<String, Long> kv) -> kv.getKey() + "\t" + kv.getValue())), output());
    }
}
