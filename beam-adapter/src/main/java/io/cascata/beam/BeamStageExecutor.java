package io.cascata.beam;

import io.cascata.core.Shapes;
import io.cascata.core.Task;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.run.ExecutionContext;
import io.cascata.core.run.FusingExecutor;
import io.cascata.core.settings.Settings;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.StagedDirectory;
import io.cascata.core.targets.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link BeamStage}s: one pipeline per stage, with the runner the {@link RunnerSelector}
 * picks, run to completion and its final state checked. Stages on {@code [local]} share one
 * embedded Flink per run, started by the first of them and stopped when the run ends; on Flink the
 * stage's job is cancelled when the thread running the stage is interrupted. Each output is written under a fresh
 * temporary directory that becomes the output, with its {@code _SUCCESS} marker, only when the
 * pipeline has succeeded (and the driver commits the task); a failed or killed stage leaves
 * nothing that looks complete, and a retry starts from a new empty directory.
 *
 * <p>Consecutive heavy stages on the same Flink, each the only consumer of the one before, run
 * as one fused Flink job unless {@code [beam] no-fuse} says otherwise: each later stage reads the
 * earlier one's collection directly, every stage's outputs are still written, and the driver
 * commits them only when the job succeeded.
 */
public final class BeamStageExecutor implements FusingExecutor {

    /** Detail keys this executor reports for the summary JSON. */
    public static final String RUNNER = "runner";
    public static final String WHY = "runner-reason";
    public static final String PARALLELISM = "parallelism";
    public static final String FLINK_MASTER = "flink-master";
    public static final String FLINK_JOB_ID = "flink-job-id";
    /** The REST address of the Flink the stage's job went to (the embedded one's is on a free port). */
    public static final String FLINK_REST = "flink-rest";
    /** The job's page in the Flink web UI, for stages on a session cluster. */
    public static final String FLINK_UI = "flink-ui";
    /** On a session cluster: the name of the driver's jar there, or that each job ships the whole jar. */
    public static final String FLINK_CODE = "flink-code";
    /** On a session cluster: the bytes of code this stage sent to the cluster (an upload of the jar, the job's jars). */
    public static final String FLINK_CODE_BYTES = "flink-code-bytes";
    /** How long submitting the stage's job took, until the cluster listed it, in milliseconds. */
    public static final String FLINK_SUBMIT_MS = "flink-submit-ms";
    /** The stages that ran as one Flink job with this one, this one included, in order. */
    public static final String FUSED = "fused-chain";

    /**
     * Task slots of the embedded Flink per core: room for several stages at once (each takes as
     * many slots as its parallelism, by default the number of cores) when {@code --workers} allows.
     */
    private static final int EMBEDDED_SLOTS_PER_CORE = 4;

    private static final Logger LOG = LoggerFactory.getLogger(BeamStageExecutor.class);
    private final AtomicLong pipelinesStarted = new AtomicLong();
    private final AtomicLong embeddedStarted = new AtomicLong();

    /** How many stage pipelines this executor has started (a driver has its own executor): for monitoring and tests. */
    public long pipelinesStarted() {
        return pipelinesStarted.get();
    }

    /** How many embedded Flink clusters this executor has started: one per run that had a stage on {@code [local]}. */
    public long embeddedClustersStarted() {
        return embeddedStarted.get();
    }

    @Override
    public boolean handles(Task task) {
        return task instanceof BeamStage;
    }

    @Override
    public void execute(Task task, ExecutionContext context) throws Exception {
        BeamStage stage = (BeamStage) task;
        RunnerChoice choice = RunnerSelector.choose(stage, context.config());
        StageResources resources = StageResources.of(stage, context.config());
        String where = StageOptions.describe(choice, resources);
        context.note(RUNNER, choice.runner());
        context.note(WHY, choice.reason());
        context.note(PARALLELISM, Integer.toString(resources.parallelism()));
        if (choice.flink()) {
            context.note(FLINK_MASTER, resources.flinkMaster());
        }
        context.note(ExecutionContext.SUMMARY, "on " + where);
        LOG.info("{} runs on {}", stage.id().display(), where);

        if (choice.flink() && !resources.local()) {
            FlinkJobs.checkReachable(resources.flinkMaster());
        }
        // Where the stage's job is submitted over REST: the run's embedded Flink for [local] (which
        // starts while the pipeline is built), the session cluster otherwise; nowhere for the
        // DirectRunner and Beam's other environments.
        Optional<ClusterTarget> cluster = choice.flink() && overRest(resources)
                ? Optional.of(clusterFor(resources, context)) : Optional.empty();
        Map<Target, StagedDirectory> outputs = openOutputs(stage);
        List<String> locations = new ArrayList<>();
        for (Target input : Shapes.targets(stage.input())) {
            locations.add(BeamLocations.of(input));
        }
        for (StagedDirectory output : outputs.values()) {
            locations.add(output.temporaryLocation());
        }
        PipelineOptions options;
        try {
            options = StageOptions.of(choice, jobName(stage), resources, context.config(), locations);
            if (cluster.isPresent()) {
                StageOptions.watched(options, cluster.get().files(), context.config());
            }
        } catch (RuntimeException e) {
            outputs.values().forEach(StagedDirectory::abort);
            throw e;
        }
        FileSystems.setDefaultPipelineOptions(options);
        try {
            Pipeline pipeline = Pipeline.create(options);
            StageContext stageContext = new StageContext(pipeline, outputs);
            stage.build(stageContext);
            checkWritten(stage, stageContext);
            CombinerLifting.applyUnlessOff(pipeline, context.config());
            pipelinesStarted.incrementAndGet();
            PipelineResult result;
            if (cluster.isPresent()) {
                Submission rest = cluster.get().submission(context);
                StageOptions.at(options, rest.restAddress());
                result = new ClusterJob(rest, stage, where, context).run(pipeline);
            } else {
                result = runToEnd(pipeline, stage, choice);
            }
            StageMetrics.note(result, context);
            for (StagedDirectory output : outputs.values()) {
                output.close();
            }
        } catch (Exception | Error e) {
            for (StagedDirectory output : outputs.values()) {
                output.abort();
            }
            throw e;
        }
    }

    /**
     * Fuses heavy stages that go to the same Flink over REST (the run's embedded one or the same
     * session cluster) at the same parallelism, when each one's runner is known before its inputs
     * exist (not an AUTO stage, whose runner depends on their size) and fusion is not turned off.
     */
    @Override
    public boolean fuses(Task upstream, Task downstream, CascataConfig config) {
        if (!(upstream instanceof BeamStage up) || !(downstream instanceof BeamStage down)
                || Settings.read(BeamSettings.class, config).noFuse()) {
            return false;
        }
        Optional<RunnerChoice> upChoice = RunnerSelector.chooseAhead(up, config);
        Optional<RunnerChoice> downChoice = RunnerSelector.chooseAhead(down, config);
        if (upChoice.isEmpty() || downChoice.isEmpty() || !upChoice.get().flink() || !downChoice.get().flink()) {
            return false;
        }
        StageResources upResources = StageResources.of(up, config);
        StageResources downResources = StageResources.of(down, config);
        return overRest(upResources) && upResources.flinkMaster().trim().equals(downResources.flinkMaster().trim())
                && upResources.parallelism() == downResources.parallelism();
    }

    /**
     * Runs the chain as one Flink job: each stage's transforms under a composite transform of its
     * own (so its metrics are told apart), each reading what the stages before it wrote as their
     * collections. Each stage's outputs are staged for the driver to commit, only when the job
     * finished; when it fails, every output is discarded.
     */
    @Override
    public void executeChain(List<Task> chain, List<ExecutionContext> contexts) throws Exception {
        List<BeamStage> stages = new ArrayList<>();
        for (Task task : chain) {
            stages.add((BeamStage) task);
        }
        BeamStage head = stages.get(0);
        ExecutionContext headContext = contexts.get(0);
        CascataConfig config = headContext.config();
        String names = String.join(" -> ", stages.stream().map(s -> s.id().display()).toList());
        RunnerChoice choice = RunnerSelector.choose(head, config);
        StageResources resources = StageResources.of(head, config);
        String where = StageOptions.describe(choice, resources);
        for (int i = 0; i < stages.size(); i++) {
            ExecutionContext context = contexts.get(i);
            context.note(RUNNER, choice.runner());
            context.note(WHY, choice.reason());
            context.note(PARALLELISM, Integer.toString(resources.parallelism()));
            context.note(FLINK_MASTER, resources.flinkMaster());
            context.note(FUSED, names);
            context.note(ExecutionContext.SUMMARY, "on " + where + ", " + fusedWith(stages, i, ""));
        }
        LOG.info("{} run as one Flink job on {}", names, where);
        if (!resources.local()) {
            FlinkJobs.checkReachable(resources.flinkMaster());
        }
        ClusterTarget cluster = clusterFor(resources, headContext);
        List<Map<Target, StagedDirectory>> outputs = new ArrayList<>();
        try {
            List<String> locations = new ArrayList<>();
            for (BeamStage stage : stages) {
                Map<Target, StagedDirectory> opened = openOutputs(stage);
                outputs.add(opened);
                for (Target input : Shapes.targets(stage.input())) {
                    locations.add(BeamLocations.of(input));
                }
                for (StagedDirectory output : opened.values()) {
                    locations.add(output.temporaryLocation());
                }
            }
            PipelineOptions options = StageOptions.of(choice, jobName(head), resources, config, locations);
            StageOptions.watched(options, cluster.files(), config);
            FileSystems.setDefaultPipelineOptions(options);
            Pipeline pipeline = Pipeline.create(options);
            Map<String, PCollection<String>> produced = new java.util.HashMap<>();
            List<String> steps = new ArrayList<>();
            for (int i = 0; i < stages.size(); i++) {
                BeamStage stage = stages.get(i);
                StageContext stageContext = new StageContext(pipeline, outputs.get(i), produced);
                String step = "Stage " + (i + 1);
                steps.add(step);
                pipeline.apply(step, new BuildStage(stage, stageContext));
                checkWritten(stage, stageContext);
            }
            CombinerLifting.applyUnlessOff(pipeline, config);
            pipelinesStarted.incrementAndGet();
            PipelineResult result;
            try {
                Submission rest = cluster.submission(headContext);
                StageOptions.at(options, rest.restAddress());
                result = new ClusterJob(rest, head, where, headContext).run(pipeline);
            } finally {
                shareJob(headContext, contexts, stages, where);
            }
            for (int i = 0; i < stages.size(); i++) {
                StageMetrics.note(result, contexts.get(i), steps.get(i));
            }
            for (Map<Target, StagedDirectory> opened : outputs) {
                for (StagedDirectory output : opened.values()) {
                    output.close();
                }
            }
        } catch (Exception | Error e) {
            for (Map<Target, StagedDirectory> opened : outputs) {
                opened.values().forEach(StagedDirectory::abort);
            }
            if (e instanceof StageBuildException built) {
                throw (Exception) built.getCause(); // what the stage's build threw, as it threw it
            }
            if (e instanceof IllegalStateException && e.getMessage() != null && e.getMessage().startsWith("pipeline of ")) {
                // The job's failure is every stage's: say that it was the fused job.
                throw new IllegalStateException("fused job of " + names + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** A stage must write every output it declared. */
    private static void checkWritten(BeamStage stage, StageContext stageContext) {
        if (!stageContext.unwritten().isEmpty()) {
            throw new IllegalStateException("stage " + stage.id().display() + " declared but did not write "
                    + stageContext.unwritten().stream().map(Target::location).toList());
        }
    }

    /** The summary's note of which stages ran as one job with the stage at {@code index}. */
    private static String fusedWith(List<BeamStage> stages, int index, String job) {
        List<String> others = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            if (i != index) {
                others.add(stages.get(i).id().display());
            }
        }
        return "fused with " + String.join(", ", others) + " in one Flink job" + job;
    }

    /** The job's id and UI link, which the job noted for the first stage, are every stage's. */
    private static void shareJob(ExecutionContext headContext, List<ExecutionContext> contexts, List<BeamStage> stages,
            String where) {
        Optional<String> id = headContext.noted(FLINK_JOB_ID);
        Optional<String> link = headContext.noted(FLINK_UI);
        for (int i = 0; i < contexts.size(); i++) {
            ExecutionContext context = contexts.get(i);
            id.ifPresent(value -> context.note(FLINK_JOB_ID, value));
            link.ifPresent(value -> context.note(FLINK_UI, value));
            String job = id.map(value -> " " + value + link.map(l -> " (" + l + ")").orElse("")).orElse("");
            context.note(ExecutionContext.SUMMARY, "on " + where + ", " + fusedWith(stages, i, job));
        }
    }

    /**
     * Whether a Flink stage's job goes to a REST address: the run's embedded Flink or a session
     * cluster (not Flink's own environments under {@code [auto]}).
     */
    private static boolean overRest(StageResources resources) {
        return resources.embedded() || !resources.local();
    }

    /**
     * The cluster a stage's job goes to over REST: the run's embedded Flink, launched by the
     * run's first stage on {@code [local]} and starting while that stage builds its pipeline; or
     * the session cluster, which gets the driver's code once (see {@link SessionCode}).
     */
    private ClusterTarget clusterFor(StageResources resources, ExecutionContext context) throws InterruptedException {
        if (resources.embedded()) {
            EmbeddedFlink flink = context.runResources().shared(EmbeddedFlink.class, this::startEmbedded);
            return new ClusterTarget(Optional.of(List.of(flink.emptyJar().toString())), c -> {
                String address = flink.restAddress();
                c.note(FLINK_REST, address);
                return new Submission(address, Optional.of(List.of(flink.emptyJar().toString())), true);
            });
        }
        Submission session = context.runResources().shared(SessionCode.class,
                () -> new SessionCode(Path.of(System.getProperty("java.io.tmpdir")))).submission(resources.flinkMaster(), context);
        return new ClusterTarget(session.files(), c -> session);
    }

    /**
     * A cluster a job will be submitted to: the files the job ships, known at once, and the
     * submission itself, which may wait for the cluster to be up.
     */
    private record ClusterTarget(Optional<List<String>> files, Awaited awaited) {

        Submission submission(ExecutionContext context) throws InterruptedException {
            return awaited.await(context);
        }
    }

    /** A submission that may have to wait for its cluster. */
    @FunctionalInterface
    private interface Awaited {
        Submission await(ExecutionContext context) throws InterruptedException;
    }

    /** Builds one stage of a fused chain inside a composite transform of its own. */
    private static final class BuildStage extends PTransform<PBegin, PDone> {
        private final transient BeamStage stage;
        private final transient StageContext context;

        BuildStage(BeamStage stage, StageContext context) {
            this.stage = stage;
            this.context = context;
        }

        @Override
        public PDone expand(PBegin begin) {
            try {
                stage.build(context);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new StageBuildException(e);
            }
            return PDone.in(begin.getPipeline());
        }
    }

    /** Carries a stage's checked exception out of {@link BuildStage#expand}. */
    private static final class StageBuildException extends RuntimeException {
        StageBuildException(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The run's embedded Flink, started by its first stage on {@code [local]}; the run closes it. */
    private EmbeddedFlink startEmbedded() {
        embeddedStarted.incrementAndGet();
        return EmbeddedFlink.start(Path.of(System.getProperty("java.io.tmpdir")),
                EMBEDDED_SLOTS_PER_CORE * Runtime.getRuntime().availableProcessors());
    }

    /**
     * Runs the pipeline to its end in this thread (the DirectRunner, or Flink where {@code flink
     * run} put it); a runner's failure is rethrown with its innermost cause in the message.
     */
    private static PipelineResult runToEnd(Pipeline pipeline, BeamStage stage, RunnerChoice choice) {
        PipelineResult result;
        PipelineResult.State state;
        try {
            result = pipeline.run();
            state = result.waitUntilFinish();
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new IllegalStateException("pipeline of " + stage.id().display() + " failed on " + choice.runner()
                    + ": " + root.getClass().getSimpleName() + ": " + root.getMessage(), e);
        }
        if (state != PipelineResult.State.DONE) {
            throw new IllegalStateException("pipeline of " + stage.id().display() + " on " + choice.runner()
                    + " ended " + state);
        }
        return result;
    }

    private static Map<Target, StagedDirectory> openOutputs(BeamStage stage) throws Exception {
        Map<Target, StagedDirectory> outputs = new LinkedHashMap<>();
        List<StagedDirectory> opened = new ArrayList<>();
        try {
            for (Target target : Shapes.targets(stage.output())) {
                if (!(target instanceof DirectoryTarget directory)) {
                    throw new IllegalArgumentException("Beam stage " + stage.id().display() + " declares output "
                            + target.location() + ", which is not a DirectoryTarget (use a directory target)");
                }
                StagedDirectory staged = directory.openDirectory();
                opened.add(staged);
                outputs.put(target, staged);
            }
        } catch (Exception e) {
            opened.forEach(StagedDirectory::abort);
            throw e;
        }
        return outputs;
    }

    /** Flink and Beam job names: the task id, lower-case letters, digits and dashes. */
    static String jobName(BeamStage stage) {
        return stage.id().value().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
