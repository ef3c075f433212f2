package io.cascata.beam;

import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.StagedDirectory;
import io.cascata.core.targets.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.JsonToRow;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.ToJson;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * What a {@link BeamStage} builds its pipeline with: reading upstream targets as collections
 * (text lines, or schema rows stored as JSON lines) and writing collections to the stage's
 * directory outputs. No pipeline, runner or options code is needed in the stage. What it reads
 * and writes is counted in Beam metrics ({@link CountElements}), which the summary JSON reports.
 *
 * <p>In a fused chain (stages run as one job) the stages' contexts share what each wrote: a stage
 * that reads a target an earlier stage of the chain writes gets that stage's collection itself,
 * not the files, which are written all the same.
 */
public final class StageContext {

    private final Pipeline pipeline;
    private final Map<Target, StagedDirectory> outputs;
    private final Map<Target, Boolean> written = new LinkedHashMap<>();
    /** The lines written to each location by this stage and the stages before it in its job, by location. */
    private final Map<String, PCollection<String>> produced;
    private int step;

    StageContext(Pipeline pipeline, Map<Target, StagedDirectory> outputs) {
        this(pipeline, outputs, new java.util.HashMap<>());
    }

    /** A context whose stage runs in one job with the stages that wrote {@code produced} (shared with their contexts). */
    StageContext(Pipeline pipeline, Map<Target, StagedDirectory> outputs, Map<String, PCollection<String>> produced) {
        this.pipeline = pipeline;
        this.outputs = outputs;
        this.produced = produced;
    }

    /** The start of the pipeline, for transforms that create data (Create.of, ...). */
    public PBegin begin() {
        return pipeline.begin();
    }

    /**
     * The lines of an upstream target: a file, or the data files of a directory target, exactly
     * those its {@code _SUCCESS} marker lists (checked to be there at their sizes before the
     * pipeline is built), so files of other attempts beside them are never read.
     */
    public PCollection<String> readText(Target input) {
        String location = BeamLocations.of(input);
        PCollection<String> upstream = produced.get(input.location());
        if (upstream != null) {
            return counted(upstream, location);
        }
        if (input instanceof DirectoryTarget directory) {
            List<String> files = new ArrayList<>();
            try {
                for (String file : directory.fileLocations()) {
                    files.add(directory.storage().qualify(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            PCollection<String> names = files.isEmpty()
                    ? pipeline.apply(name("No files in " + location), Create.empty(StringUtf8Coder.of()))
                    : pipeline.apply(name("Files of " + location), Create.of(files).withCoder(StringUtf8Coder.of()));
            return counted(names
                    .apply(name("Match " + location), FileIO.matchAll())
                    .apply(name("Open " + location), FileIO.readMatches())
                    .apply(name("Read " + location), TextIO.readFiles()), location);
        }
        return counted(pipeline.apply(name("Read " + location), TextIO.read().from(location)), location);
    }

    private PCollection<String> counted(PCollection<String> lines, String location) {
        return lines.apply(name("Count read " + location), ParDo.of(CountElements.<String>read()))
                .setCoder(StringUtf8Coder.of());
    }

    /** Rows of a schema from an upstream target written by {@link #writeRows} (JSON lines). */
    public PCollection<Row> readRows(Target input, Schema schema) {
        return readText(input).apply(name("Rows of " + BeamLocations.of(input)), JsonToRow.withSchema(schema));
    }

    /** Writes lines as the data files of one of this stage's outputs. */
    public void writeText(PCollection<String> lines, DirectoryTarget output) {
        StagedDirectory staged = null;
        for (Map.Entry<Target, StagedDirectory> e : outputs.entrySet()) {
            if (e.getKey().location().equals(output.location())) {
                staged = e.getValue();
                output = (DirectoryTarget) e.getKey();
            }
        }
        if (staged == null) {
            throw new IllegalArgumentException(output.location() + " is not an output of this stage; its outputs: "
                    + outputs.keySet().stream().map(Target::location).toList());
        }
        if (written.put(output, Boolean.TRUE) != null) {
            throw new IllegalArgumentException(output.location() + " is written twice by this stage");
        }
        PCollection<String> counted = lines.apply(name("Count written " + output.location()),
                ParDo.of(CountElements.<String>written())).setCoder(StringUtf8Coder.of());
        counted.apply(name("Write " + output.location()), TextIO.write().to(staged.temporaryLocation() + "/part").withSuffix(".txt"));
        produced.put(output.location(), counted);
    }

    /** Writes rows as JSON lines (their schema travels with the code that reads them). */
    public void writeRows(PCollection<Row> rows, DirectoryTarget output) {
        writeText(rows.apply(name("JSON of " + output.location()), ToJson.of()), output);
    }

    /** The outputs the stage did not write. */
    Set<Target> unwritten() {
        Set<Target> missing = new java.util.LinkedHashSet<>(outputs.keySet());
        missing.removeAll(written.keySet());
        return missing;
    }

    /** A unique, short transform name: Flink truncates long operator names with a warning. */
    private String name(String what) {
        String shortWhat = what.length() > 40 ? what.substring(0, 18) + "..." + what.substring(what.length() - 18) : what;
        return (++step) + " " + shortWhat;
    }

}
