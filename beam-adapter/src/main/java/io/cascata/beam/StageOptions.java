package io.cascata.beam;

import io.cascata.core.config.CascataConfig;
import java.util.List;
import java.util.Optional;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The pipeline options of one stage run, from its runner choice and its resources: the
 * DirectRunner without its immutability and encodability checks (they multiply its cost; stages
 * are tested on Flink too), Flink in batch mode at the stage's address and parallelism.
 */
final class StageOptions {

    private StageOptions() {
    }

    /**
     * The options of one stage run, with Beam's Hadoop file systems set up for the locations the
     * stage reads and writes.
     */
    static PipelineOptions of(RunnerChoice choice, String jobName, StageResources resources, CascataConfig config,
            java.util.Collection<String> locations) {
        PipelineOptions options = runnerOptions(choice, jobName, resources);
        BeamHadoopFileSystems.configure(options, locations, config);
        return options;
    }

    private static PipelineOptions runnerOptions(RunnerChoice choice, String jobName, StageResources resources) {
        if (choice.flink()) {
            FlinkPipelineOptions flink = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
            flink.setRunner(FlinkRunner.class);
            flink.setJobName(jobName);
            flink.setFlinkMaster(resources.flinkMaster());
            flink.setParallelism(resources.parallelism());
            flink.setStreaming(false);
            flink.setObjectReuse(true);
            flink.setFasterCopy(true);
            if (!resources.local()) {
                runningJar().ifPresent(jar -> flink.setFilesToStage(List.of(jar)));
            }
            return flink;
        }
        DirectOptions direct = PipelineOptionsFactory.as(DirectOptions.class);
        direct.setRunner(DirectRunner.class);
        direct.setJobName(jobName);
        direct.setBlockOnRun(true);
        direct.setTargetParallelism(resources.parallelism());
        direct.setEnforceImmutability(false);
        direct.setEnforceEncodability(false);
        return direct;
    }

    /** The jar this code runs from (pipeline.jar), which a remote cluster needs; empty when not run from a jar. */
    static Optional<String> runningJar() {
        try {
            java.security.CodeSource source = StageOptions.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            java.nio.file.Path path = java.nio.file.Path.of(source.getLocation().toURI());
            return path.toString().endsWith(".jar") ? Optional.of(path.toAbsolutePath().toString()) : Optional.empty();
        } catch (java.net.URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** How the choice reads in the summary: runner, where and how wide, and why. */
    static String describe(RunnerChoice choice, StageResources resources) {
        return choice.runner() + (choice.flink() ? " " + resources.flinkMaster() : "") + ", parallelism "
                + resources.parallelism() + resources.tier().map(t -> ", tier " + t).orElse("") + " (" + choice.reason() + ")";
    }
}
