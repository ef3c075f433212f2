package io.cascata.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascata.beam.Runner;
import io.cascata.core.Shapes;
import io.cascata.core.Task;
import io.cascata.core.param.ParameterSources;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.StagedDirectory;
import io.cascata.core.targets.Target;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.util.RowJson;
import org.apache.beam.sdk.util.RowJsonUtils;
import org.apache.beam.sdk.values.Row;

/**
 * One Beam stage (or any task) run on inputs given in memory. Each input stands in for what one
 * of the stage's requirements outputs: it is written to that requirement's target before the run,
 * so the requirement is complete and the stage reads the given lines or rows. Then {@link #on}
 * runs the stage on a runner and returns the outcome, from which its outputs are read back.
 *
 * <pre>{@code
 * RunOutcome outcome = pipeline.stage(stage)
 *         .input(new InputFile(path), "to be or not to be")
 *         .on(Runner.FLINK);
 * assertEquals(List.of("be\t2", "not\t1", "or\t1", "to\t2"), outcome.assertSucceeded().sortedLines(stage.output()));
 * }</pre>
 */
public final class StageRun {

    private final PipelineTester tester;
    private final Task stage;
    private final Map<Task, List<String>> inputs = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> config = new LinkedHashMap<>();

    StageRun(PipelineTester tester, Task stage) {
        this.tester = tester;
        this.stage = stage;
    }

    /** The lines one requirement of the stage outputs. */
    public StageRun input(Task requirement, String... lines) {
        return input(requirement, List.of(lines));
    }

    /** The lines one requirement of the stage outputs. */
    public StageRun input(Task requirement, List<String> lines) {
        if (!Shapes.tasks(stage.requires()).contains(requirement)) {
            throw new IllegalArgumentException(requirement.id().display() + " is not required by " + stage.id().display()
                    + "; it requires " + Shapes.tasks(stage.requires()).stream().map(t -> t.id().display()).toList());
        }
        inputs.put(requirement, List.copyOf(lines));
        return this;
    }

    /** The rows one requirement of the stage outputs, as {@code stage.writeRows} stores them (JSON lines). */
    public StageRun rows(Task requirement, Schema schema, Row... rows) {
        return rows(requirement, schema, List.of(rows));
    }

    /** The rows one requirement of the stage outputs. */
    public StageRun rows(Task requirement, Schema schema, List<Row> rows) {
        ObjectMapper mapper = RowJsonUtils.newObjectMapperWith(RowJson.RowJsonSerializer.forSchema(schema));
        return input(requirement, rows.stream().map(row -> RowJsonUtils.rowToJson(mapper, row)).toList());
    }

    /** A config value for this run only, such as {@code config("beam", "parallelism", "1")}. */
    public StageRun config(String section, String key, String value) {
        config.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    /**
     * Writes the inputs, then runs the stage to its end on a runner: {@link Runner#DIRECT}, or
     * {@link Runner#FLINK} on an embedded Flink ({@code [local]}). Call it once per test.
     */
    public RunOutcome on(Runner runner) {
        Map<String, Map<String, String>> runConfig = new LinkedHashMap<>();
        runConfig.put("beam", new LinkedHashMap<>(Map.of("runner", runner.beamName(), "flink-master", "[local]")));
        config.forEach((section, values) -> runConfig.computeIfAbsent(section, s -> new LinkedHashMap<>()).putAll(values));
        ParameterSources sources = tester.sources(runConfig);
        // The inputs go where the run will look: Workspace paths depend on the run's config.
        try (ParameterSources.Scope scope = ParameterSources.use(sources)) {
            for (Map.Entry<Task, List<String>> input : inputs.entrySet()) {
                write(input.getKey(), input.getValue());
            }
        }
        return tester.run(sources, stage);
    }

    private static void write(Task requirement, List<String> lines) {
        List<Target> targets = Shapes.targets(requirement.output());
        if (targets.size() != 1) {
            throw new IllegalArgumentException("an input stands for one output; " + requirement.id().display()
                    + " has " + targets.size());
        }
        Target target = targets.get(0);
        String text = lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        try {
            if (target instanceof DirectoryTarget directory) {
                // Committed with its _SUCCESS marker, as a stage's own output would be.
                try (StagedDirectory staged = directory.openDirectory(); OutputStream out = staged.create("part-00000.txt")) {
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                }
            } else if (target instanceof FileTarget file) {
                file.writeText(text);
            } else {
                throw new IllegalArgumentException("cannot write an input to " + target.location());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
