package io.cascata.beam;

import io.cascata.core.config.CascataConfig;
import io.cascata.core.settings.Settings;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The pipeline options of one stage run, from its runner choice, its resources and the Beam
 * options the user passed: the DirectRunner without its immutability and encodability checks
 * unless asked for (they multiply its cost; stages are tested on Flink too), Flink in batch mode
 * at the stage's address and parallelism.
 */
final class StageOptions {

    private StageOptions() {
    }

    /**
     * The options of one stage run, with the user's Beam options and Beam's Hadoop file systems
     * set up for the locations the stage reads and writes. A job that goes to a cluster over
     * REST (the run's embedded one or a session cluster) gets {@link #watched} at once and its
     * address through {@link #at} before the pipeline runs; the pipeline can be built before that.
     */
    static PipelineOptions of(RunnerChoice choice, String jobName, StageResources resources, CascataConfig config,
            java.util.Collection<String> locations) {
        List<String> given = Settings.read(BeamSettings.class, config).pipelineOptions();
        PipelineOptions options = runnerOptions(choice, jobName, resources, given);
        BeamHadoopFileSystems.configure(options, locations, config);
        return options;
    }

    /**
     * For a job submitted to a cluster over REST, what is known before the cluster's address: the
     * job is watched by the executor (which can cancel it), not waited for, and ships these files
     * (or Cascata's default, the driver's jar, when empty) unless the user named the files to stage.
     */
    static void watched(PipelineOptions options, Optional<List<String>> files, CascataConfig config) {
        FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
        flink.setAttachedMode(false);
        Set<String> named = PipelineArgs.names(Settings.read(BeamSettings.class, config).pipelineOptions());
        if (files.isPresent() && !named.contains("filesToStage")) {
            flink.setFilesToStage(files.get());
        }
    }

    /** The cluster's REST address, {@code host:port}, the job is submitted to. */
    static void at(PipelineOptions options, String restAddress) {
        options.as(FlinkPipelineOptions.class).setFlinkMaster(restAddress);
    }

    /**
     * The runner's options: the user's Beam options first, then what Cascata decides for the
     * stage (runner, job name, where and how wide, batch mode), then Cascata's defaults for
     * whatever the user did not give.
     */
    private static PipelineOptions runnerOptions(RunnerChoice choice, String jobName, StageResources resources,
            List<String> given) {
        Set<String> named = PipelineArgs.names(given);
        if (choice.flink()) {
            FlinkPipelineOptions flink = PipelineArgs.options(given, FlinkPipelineOptions.class);
            flink.setRunner(FlinkRunner.class);
            flink.setJobName(jobName);
            flink.setFlinkMaster(resources.flinkMaster());
            flink.setParallelism(resources.parallelism());
            flink.setStreaming(false);
            if (!named.contains("objectReuse")) {
                flink.setObjectReuse(true);
            }
            if (!named.contains("fasterCopy")) {
                flink.setFasterCopy(true);
            }
            if (!resources.local() && !named.contains("filesToStage")) {
                runningJar().ifPresent(jar -> flink.setFilesToStage(List.of(jar)));
            }
            return flink;
        }
        DirectOptions direct = PipelineArgs.options(given, DirectOptions.class);
        direct.setRunner(DirectRunner.class);
        direct.setJobName(jobName);
        direct.setTargetParallelism(resources.parallelism());
        if (!named.contains("blockOnRun")) {
            direct.setBlockOnRun(true);
        }
        if (!named.contains("enforceImmutability")) {
            direct.setEnforceImmutability(false);
        }
        if (!named.contains("enforceEncodability")) {
            direct.setEnforceEncodability(false);
        }
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
