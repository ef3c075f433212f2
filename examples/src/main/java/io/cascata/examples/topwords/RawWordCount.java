package io.cascata.examples.topwords;

import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * CountWords's pipeline written directly against Beam, with the options a stage gets, for the
 * benchmark that compares a stage with the raw pipeline; {@code standard} counts in Beam's
 * standard formulation (a word per element, then Count.perElement) instead. Usage: {@code java
 * -cp pipeline.jar io.cascata.examples.topwords.RawWordCount direct|flink INPUT OUTPUT_PREFIX
 * PARALLELISM [standard]}.
 */
public final class RawWordCount {

    private RawWordCount() {
    }

    public static void main(String[] args) {
        int parallelism = Integer.parseInt(args[3]);
        PipelineOptions options;
        if (args[0].equals("flink")) {
            FlinkPipelineOptions flink = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
            flink.setRunner(FlinkRunner.class);
            flink.setFlinkMaster("[local]");
            flink.setParallelism(parallelism);
            flink.setStreaming(false);
            flink.setObjectReuse(true);
            flink.setFasterCopy(true);
            options = flink;
        } else {
            DirectOptions direct = PipelineOptionsFactory.as(DirectOptions.class);
            direct.setRunner(DirectRunner.class);
            direct.setBlockOnRun(true);
            direct.setTargetParallelism(parallelism);
            direct.setEnforceImmutability(false);
            direct.setEnforceEncodability(false);
            options = direct;
        }
        Pipeline pipeline = Pipeline.create(options);
        PCollection<String> lines = pipeline.apply("Read", TextIO.read().from(args[1]));
        PCollection<KV<String, Long>> counts = args.length > 4 && args[4].equals("standard")
                ? lines.apply("Words", ParDo.of(new Words())).apply("Count", Count.perElement())
                : lines.apply("Count words", new WordCounts());
        counts.apply("Format", MapElements.into(TypeDescriptors.strings())
                        .via((KV<String, Long> kv) -> kv.getKey() + "\t" + kv.getValue()))
                .apply("Write", TextIO.write().to(args[2]).withSuffix(".txt"));
        PipelineResult.State state = pipeline.run().waitUntilFinish();
        if (state != PipelineResult.State.DONE) {
            throw new IllegalStateException("pipeline ended " + state);
        }
    }
}
