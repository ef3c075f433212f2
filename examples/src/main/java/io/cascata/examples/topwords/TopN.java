package io.cascata.examples.topwords;

import io.cascata.beam.BeamStage;
import io.cascata.beam.StageContext;
import io.cascata.beam.Weight;
import io.cascata.core.Param;
import io.cascata.core.targets.Workspace;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.Target;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptors;

/** The light stage of TopWords: keeps the {@code top} most frequent words of CountWords's counts. */
public record TopN(@Param(name = "input", value = "path of the text to count") String inputPath,
        @Param(value = "how many words to keep", defaultValue = "10") int top) implements BeamStage {

    public TopN {
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1, got " + top);
        }
    }

    @Override
    public CountWords requires() {
        return new CountWords(inputPath);
    }

    @Override
    public DirectoryTarget output() {
        return Workspace.directory(this, "top");
    }

    @Override
    public Weight weight() {
        return Weight.LIGHT;
    }

    @Override
    public void build(StageContext stage) {
        Target counts = input();
        stage.writeText(stage.readText(counts)
                .apply("Parse", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
                        .via((String line) -> {
                            WordCount c = WordCount.parse(line);
                            return KV.of(c.word(), c.count());
                        }))
                .apply("Top", Top.of(top, new Frequency()))
                .apply("Lines", FlatMapElements.into(TypeDescriptors.strings())
                        .via((List<KV<String, Long>> best) -> best.stream().map(kv -> kv.getKey() + "\t" + kv.getValue()).toList())),
                output());
    }

    /** Greater means more frequent, or as frequent and alphabetically earlier. */
    static final class Frequency implements Comparator<KV<String, Long>>, Serializable {
        @Override
        public int compare(KV<String, Long> a, KV<String, Long> b) {
            int byCount = Long.compare(a.getValue(), b.getValue());
            return byCount != 0 ? byCount : b.getKey().compareTo(a.getKey());
        }
    }

}
