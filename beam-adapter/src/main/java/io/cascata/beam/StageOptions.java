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
     * set up for the locations the stage reads and writes. {@code rest} says where the job is
     * submitted when it goes to a cluster over REST (the run's embedded one or a session cluster).
     */
    static PipelineOptions of(RunnerChoice choice, String jobName, StageResources resources, Optional<Submission> rest,
            CascataConfig config, java.util.Collection<String> locations) {
        List<String> given = Settings.read(BeamSettings.class, config).pipelineOptions();
        PipelineOptions options = runnerOptions(choice, jobName, resources, rest, given);
        BeamHadoopFileSystems.configure(options, locations, config);
        return options;
    }

    /**
     * The runner's options: the user's Beam options first, then what Cascata decides for the
     * stage (runner, job name, where and how wide, batch mode), then Cascata's defaults for
     * whatever the user did not give.
     */
    private static PipelineOptions runnerOptions(RunnerChoice choice, String jobName, StageResources resources,
            Optional<Submission> rest, List<String> given) {
        Set<String> named = PipelineArgs.names(given);
        if (choice.flink()) {
            FlinkPipelineOptions flink = PipelineArgs.options(given, FlinkPipelineOptions.class);
            flink.setRunner(FlinkRunner.class);
            flink.setJobName(jobName);
            flink.setFlinkMaster(rest.map(Submission::restAddress).orElse(resources.flinkMaster()));
            if (rest.isPresent()) {
                // Submitted, then watched by the executor, which can cancel it.
                flink.setAttachedMode(false);
            }
            flink.setParallelism(resources.parallelism());
            flink.setStreaming(false);
            if (!named.contains("objectReuse")) {
                flink.setObjectReuse(true);
            }
            if (!named.contains("fasterCopy")) {
                flink.setFasterCopy(true);
            }
            if (rest.isPresent() && rest.get().files().isPresent() && !named.contains("filesToStage")) {
                flink.setFilesToStage(rest.get().files().get());
            } else if (!resources.local() && !named.contains("filesToStage")) {
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
