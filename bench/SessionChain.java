import io.cascata.beam.BeamStage;
import io.cascata.beam.StageContext;
import io.cascata.beam.Weight;
import io.cascata.core.Param;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.run.Driver;
import io.cascata.core.run.Event;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskOutcome;
import io.cascata.core.targets.LocalDirectoryTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * A chain of trivial heavy stages in one run, on Flink {@code [local]} or the session cluster
 * given: each reads the one before (the first makes ten numbers), adds one and writes. Prints each
 * stage's run time, the run's wall time and the megabytes the driver process wrote (to files and
 * sockets, from {@code /proc/self/io}) while each stage ran: on a session cluster, nearly all of
 * it is the code and job graph sent to the cluster. A benchmark program, not part of
 * pipeline.jar: bench/session-chain.sh compiles it against a pipeline.jar
 * and run it in a fresh JVM ({@code SessionChain WORK_DIR [STAGES [FLINK_MASTER]]}).
 */
public final class SessionChain {

    private SessionChain() {
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
        List<Link> chain = new ArrayList<>();
        for (int i = 1; i <= stages; i++) {
            chain.add(new Link(work + "/link-" + i, chain.isEmpty() ? List.of() : List.of(chain.get(chain.size() - 1))));
        }
        // One job per stage (no-fuse): what is measured is each submission.
        Map<String, Map<String, String>> settings = args.length > 2
                ? Map.of("beam", Map.of("flink-master", args[2], "no-fuse", "true")) : Map.of("beam", Map.of("no-fuse", "true"));
        Map<Object, Long> writtenAtStart = new ConcurrentHashMap<>();
        Map<Object, Long> written = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        RunResult result = Driver.builder().config(CascataConfig.of(settings, System::getenv)).listener(e -> {
            if (e.type() == Event.START) {
                writtenAtStart.put(e.task(), bytesWritten());
            } else if (e.type() == Event.SUCCESS || e.type() == Event.FAILURE) {
                written.put(e.task(), bytesWritten() - writtenAtStart.getOrDefault(e.task(), 0L));
            }
        }).build().run(chain.get(chain.size() - 1));
        double wall = (System.nanoTime() - start) / 1e9;
        if (!result.success()) {
            throw new IllegalStateException("the chain failed: " + result);
        }
        StringBuilder line = new StringBuilder();
        for (Link link : chain) {
            for (TaskOutcome o : result.outcomes()) {
                if (o.task().equals(link)) {
                    line.append(String.format(Locale.ROOT, " %5.2f", o.runTime().toMillis() / 1000.0));
                }
            }
        }
        StringBuilder sent = new StringBuilder();
        for (Link link : chain) {
            sent.append(String.format(Locale.ROOT, " %7.2f", written.getOrDefault(link, -1L) / 1e6));
        }
        System.out.printf(Locale.ROOT, "stages_s%s  run_s %.2f  sent_mb%s%n", line, wall, sent);
    }

    /** What this process has written so far, to files and sockets alike ({@code wchar} in /proc/self/io). */
    private static long bytesWritten() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (l.startsWith("wchar:")) {
                    return Long.parseLong(l.substring("wchar:".length()).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("/proc/self/io has no wchar");
    }
}
