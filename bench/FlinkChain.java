import io.cascata.beam.BeamStage;
import io.cascata.beam.StageContext;
import io.cascata.beam.Weight;
import io.cascata.core.Param;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskOutcome;
import io.cascata.core.targets.LocalDirectoryTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * A chain of trivial heavy stages in one run, on Flink {@code [local]}: each reads the one before
 * (the first makes ten numbers), adds one and writes. In one JVM, side by side: a first run of one
 * stage (the JVM still cold, not compared), then one stage alone, the chain fused into one Flink
 * job, and the chain with {@code no-fuse} (a job per stage); each a run of its own, so each
 * starts its own embedded Flink. Prints the runs' wall times, the fused chain's over one stage's,
 * and each stage's run time in the unfused chain. A benchmark program, not part of pipeline.jar:
 * bench/flink-chain.sh compiles it against a pipeline.jar and runs it in a fresh JVM
 * ({@code FlinkChain WORK_DIR [STAGES]}).
 */
public final class FlinkChain {

    private FlinkChain() {
    }

    /** One link of the chain. */
    public record Link(@Param("where") String out, @Param("link before, if any") List<Link> before) implements BeamStage {
        @Override
        public List<Link> requires() {
            return before;
        }

        @Override
        public LocalDirectoryTarget output() {
            return LocalDirectoryTarget.of(out);
        }

        @Override
        public Weight weight() {
            return Weight.HEAVY;
        }

        @Override
        public void build(StageContext stage) {
            PCollection<String> in = before.isEmpty()
                    ? stage.begin().apply(Create.of(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10")))
                    : stage.readText(before.get(0).output());
            stage.writeText(in.apply(MapElements.into(TypeDescriptors.strings())
                    .via((String n) -> Long.toString(Long.parseLong(n.trim()) + 1))), output());
        }
    }

    public static void main(String[] args) {
        String work = args[0];
        int stages = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        double first = run(chain(work + "/first", 1), false).wall;
        double one = run(chain(work + "/one", 1), false).wall;
        Run fused = run(chain(work + "/fused", stages), false);
        List<Link> separateChain = chain(work + "/separate", stages);
        Run separate = run(separateChain, true);
        StringBuilder line = new StringBuilder();
        for (Link link : separateChain) {
            for (TaskOutcome o : separate.result.outcomes()) {
                if (o.task().equals(link)) {
                    line.append(String.format(Locale.ROOT, " %5.2f", o.runTime().toMillis() / 1000.0));
                }
            }
        }
        System.out.printf(Locale.ROOT, "first_s %.2f one_s %.2f fused_s %.2f separate_s %.2f fused/one %.2f  separate stages_s%s%n",
                first, one, fused.wall, separate.wall, fused.wall / one, line);
    }

    private record Run(RunResult result, double wall) {
    }

    private static List<Link> chain(String dir, int stages) {
        List<Link> chain = new ArrayList<>();
        for (int i = 1; i <= stages; i++) {
            chain.add(new Link(dir + "/link-" + i, chain.isEmpty() ? List.of() : List.of(chain.get(chain.size() - 1))));
        }
        return chain;
    }

    /** Runs the chain to its last link, each stage a job of its own when {@code noFuse}. */
    private static Run run(List<Link> chain, boolean noFuse) {
        long start = System.nanoTime();
        RunResult result = Driver.builder()
                .config(CascataConfig.of(Map.of("beam", Map.of("no-fuse", Boolean.toString(noFuse))), System::getenv))
                .build().run(chain.get(chain.size() - 1));
        double wall = (System.nanoTime() - start) / 1e9;
        if (!result.success()) {
            throw new IllegalStateException("the chain failed: " + result);
        }
        return new Run(result, wall);
    }
}
