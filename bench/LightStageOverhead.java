import io.cascata.beam.BeamStage;
import io.cascata.beam.StageContext;
import io.cascata.beam.Weight;
import io.cascata.core.Param;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RunResult;
import io.cascata.core.targets.LocalDirectoryTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * What a light stage adds on a tiny input once the driver is warm: in one JVM, alternately runs
 * the same tiny pipeline directly on the DirectRunner and as a LIGHT stage through the driver,
 * and prints the median of each. A benchmark program, not part of pipeline.jar: run it as a source
 * file against the jar, {@code java -cp pipeline.jar bench/LightStageOverhead.java WORK_DIR [ROUNDS]}.
 */
public final class LightStageOverhead {

    private LightStageOverhead() {
    }

    /** Upper-cases ten words and writes them. */
    record Shout(@Param("where") String out) implements BeamStage {
        @Override
        public LocalDirectoryTarget output() {
            return LocalDirectoryTarget.of(out);
        }

        @Override
        public Weight weight() {
            return Weight.LIGHT;
        }

        @Override
        public void build(StageContext stage) {
            stage.writeText(shout(stage.begin().apply(Create.of(WORDS))), output());
        }
    }

    static final List<String> WORDS = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");

    static PCollection<String> shout(PCollection<String> words) {
        return words.apply(MapElements.into(TypeDescriptors.strings()).via((String w) -> w.toUpperCase()));
    }

    public static void main(String[] args) throws Exception {
        // Run as a source file, this class lives in the launcher's in-memory class loader; Beam
        // finds the classes of the functions it deserializes through the context class loader.
        Thread.currentThread().setContextClassLoader(LightStageOverhead.class.getClassLoader());
        Path work = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Files.createDirectories(work);
        List<Long> raw = new ArrayList<>();
        List<Long> stage = new ArrayList<>();
        Driver driver = Driver.builder().config(CascataConfig.of(Map.of(), System::getenv)).build();
        for (int i = -2; i < rounds; i++) {
            long t0 = System.nanoTime();
            DirectOptions options = PipelineOptionsFactory.as(DirectOptions.class);
            options.setRunner(DirectRunner.class);
            options.setBlockOnRun(true);
            options.setEnforceImmutability(false);
            options.setEnforceEncodability(false);
            Pipeline p = Pipeline.create(options);
            shout(p.apply(Create.of(WORDS))).apply(TextIO.write().to(work.resolve("raw-" + i + "/part").toString()));
            p.run().waitUntilFinish();
            long t1 = System.nanoTime();
            RunResult result = driver.run(new Shout(work.resolve("stage-" + i).toString()));
            long t2 = System.nanoTime();
            if (!result.success()) {
                throw new IllegalStateException("the stage failed: " + result);
            }
            if (i >= 0) {
                raw.add((t1 - t0) / 1_000_000);
                stage.add((t2 - t1) / 1_000_000);
            }
        }
        raw.sort(null);
        stage.sort(null);
        long r = raw.get(raw.size() / 2);
        long s = stage.get(stage.size() / 2);
        System.out.printf("warm, median of %d: raw DirectRunner pipeline %d ms, same pipeline as a LIGHT stage %d ms,"
                + " the stage adds %d ms%n", rounds, r, s, s - r);
    }
}
