package ${package};

import io.cascata.beam.BeamStage;
import io.cascata.beam.StageContext;
import io.cascata.beam.Weight;
import io.cascata.core.InputFile;
import io.cascata.core.Param;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.Workspace;
import java.util.Arrays;
import java.util.Locale;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Counts the words of a text, as lines {@code word<TAB>count}: a Beam stage, so it runs as its own
 * Beam pipeline. It is heavy: it runs on Flink (embedded by default) unless {@code --runner} says
 * otherwise.
 *
 * @param text the text, a path or a URI ({@code hdfs://...}, {@code s3a://...}); {@code --input} on the command line
 */
public record CountWords(@Param(name = "input", value = "the text to count") String text) implements BeamStage {

    @Override
    public InputFile requires() {
        return new InputFile(text);
    }

    @Override
    public DirectoryTarget output() {
        // Under the workspace, in a directory named after this task's parameters: another input
        // gives another directory, so changing a parameter runs the task again.
        return Workspace.directory(this, "counts");
    }

    @Override
    public Weight weight() {
        return Weight.HEAVY;
    }

    @Override
    public void build(StageContext stage) {
        PCollection<String> words = stage.readText(input())
                .apply("Words", FlatMapElements.into(TypeDescriptors.strings())
                        .via((String line) -> Arrays.stream(line.toLowerCase(Locale.ROOT).split("[^\\p{L}]+"))
                                .filter(word -> !word.isEmpty()).toList()));
        PCollection<KV<String, Long>> counts = words.apply("Count", Count.perElement());
        stage.writeText(counts.apply("Format", MapElements.into(TypeDescriptors.strings())
                .via((KV<String, Long> count) -> count.getKey() + "\t" + count.getValue())), output());
    }
}
