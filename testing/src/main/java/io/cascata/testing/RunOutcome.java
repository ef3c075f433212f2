package io.cascata.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascata.core.Shapes;
import io.cascata.core.Task;
import io.cascata.core.param.ParameterSources;
import io.cascata.core.run.RetCodes;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskOutcome;
import io.cascata.core.run.TaskState;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.util.RowJson;
import org.apache.beam.sdk.util.RowJsonUtils;
import org.apache.beam.sdk.values.Row;

/**
 * What an in-process run decided, as the command line would report it: each task's state, the
 * Execution Summary, the exit code; and the outputs, read back as lines or rows.
 */
public final class RunOutcome {

    private final RunResult result;
    private final int exitCode;
    private final ParameterSources sources;

    RunOutcome(RunResult result, RetCodes retCodes, ParameterSources sources) {
        this.result = result;
        this.exitCode = retCodes.exitCode(result);
        this.sources = sources;
    }

    /** The driver's result, for anything this class does not offer. */
    public RunResult result() {
        return result;
    }

    /** The exit code the command line would return for this run (0 when all is done). */
    public int exitCode() {
        return exitCode;
    }

    /** The Execution Summary, exactly as the command line prints it. */
    public String summary() {
        return ExecutionSummary.render(result);
    }

    /** Whether every task is complete now and the driver did not fail. */
    public boolean succeeded() {
        return result.success();
    }

    /** Fails the test with the summary when the run did not succeed; returns this run for chaining. */
    public RunOutcome assertSucceeded() {
        if (!succeeded()) {
            throw new AssertionError("the run did not succeed (exit " + exitCode + "):\n" + summary()
                    + result.outcomes().stream().filter(o -> o.error() != null)
                            .map(o -> "\n" + o.id().display() + ": " + o.error()).reduce("", String::concat)
                    + result.unhandledError().map(e -> "\n" + e).orElse(""));
        }
        return this;
    }

    /** The state a task ended in; an error when the run never met the task. */
    public TaskState state(Task task) {
        return result.outcome(task.id()).map(TaskOutcome::state)
                .orElseThrow(() -> new AssertionError(task.id().display() + " was not part of this run:\n" + summary()));
    }

    /** Every task's state, by the task's display name ({@code Family(param=value)}), in the order they were found. */
    public Map<String, TaskState> states() {
        Map<String, TaskState> states = new LinkedHashMap<>();
        for (TaskOutcome o : result.outcomes()) {
            states.put(o.id().display(), o.state());
        }
        return states;
    }

    /**
     * A task's output as the run saw it: paths from {@code Workspace} depend on the run's config
     * (the workspace root), which the test's own thread does not have.
     */
    @SuppressWarnings("unchecked")
    public <T> T output(Task task) {
        try (ParameterSources.Scope scope = ParameterSources.use(sources)) {
            return (T) task.output();
        }
    }

    /** The lines of a task's one output (see {@link #lines(Target)}). */
    public List<String> lines(Task task) {
        return lines(onlyTarget(task));
    }

    /** The sorted lines of a task's one output. */
    public List<String> sortedLines(Task task) {
        return sortedLines(onlyTarget(task));
    }

    /** The rows of a task's one output. */
    public List<Row> rows(Task task, Schema schema) {
        return rows(onlyTarget(task), schema);
    }

    private Target onlyTarget(Task task) {
        List<Target> targets = Shapes.targets(output(task));
        if (targets.size() != 1) {
            throw new IllegalArgumentException(task.id().display() + " has " + targets.size()
                    + " outputs; read one of them with lines(Target)");
        }
        return targets.get(0);
    }

    /**
     * The lines of an output: a file's, or those of every data file of a directory in the order
     * its marker lists them (a stage's shards: sort them, or use {@link #sortedLines}).
     */
    public List<String> lines(Target output) {
        try {
            if (output instanceof DirectoryTarget directory) {
                List<String> lines = new ArrayList<>();
                for (FileTarget file : directory.files()) {
                    lines.addAll(file.readLines());
                }
                return lines;
            }
            if (output instanceof FileTarget file) {
                return file.readLines();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        throw new IllegalArgumentException("cannot read lines of " + output.location() + ": neither a file nor a directory target");
    }

    /** The lines of an output, sorted: a stage's output in an order that does not depend on its shards. */
    public List<String> sortedLines(Target output) {
        List<String> lines = new ArrayList<>(lines(output));
        lines.sort(null);
        return lines;
    }

    /** The rows a stage wrote with {@code stage.writeRows}, read with their schema, in file order. */
    public List<Row> rows(Target output, Schema schema) {
        ObjectMapper mapper = RowJsonUtils.newObjectMapperWith(RowJson.RowJsonDeserializer.forSchema(schema));
        return lines(output).stream().map(line -> RowJsonUtils.jsonToRow(mapper, line)).toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n" + summary();
    }
}
