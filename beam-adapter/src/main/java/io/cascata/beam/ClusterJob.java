package io.cascata.beam;

import io.cascata.core.run.ExecutionContext;
import java.time.Duration;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stage's job on a Flink cluster reached over REST (the run's embedded Flink or a session
 * cluster): submitted without waiting, then watched through the cluster's REST API until it
 * ends. Interrupting the thread that waits cancels the job through Flink's API, waits a bounded
 * time for it to end, and fails the attempt, so that nothing of the stage is published.
 */
final class ClusterJob {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterJob.class);
    /** How long a job that was found by name may take to appear on the cluster after submission. */
    private static final Duration FIND_JOB = Duration.ofSeconds(30);
    /** How long a cancelled job may take to end before the attempt fails regardless. */
    static final Duration CANCEL_WAIT = Duration.ofSeconds(30);
    private static final long FIRST_POLL_MS = 5;
    private static final long MAX_POLL_MS = 100;

    private final String master;
    private final boolean linkToUi;
    private final BeamStage stage;
    private final String where;
    private final ExecutionContext context;

    ClusterJob(Submission submission, BeamStage stage, String where, ExecutionContext context) {
        this.master = submission.restAddress();
        this.linkToUi = !submission.embedded();
        this.stage = stage;
        this.where = where;
        this.context = context;
    }

    /** Submits the pipeline and waits for its job to finish; fails unless it finished. */
    PipelineResult run(Pipeline pipeline) throws InterruptedException {
        String name = BeamStageExecutor.jobName(stage);
        long begin = System.nanoTime();
        PipelineResult result;
        try {
            result = pipeline.run();
        } catch (RuntimeException e) {
            // Flink's client turns the interrupt into a RuntimeException around an
            // InterruptedException and clears the thread's flag: look for both.
            if (Thread.interrupted() || causedByInterrupt(e)) {
                // Flink's client goes on submitting after the caller gave up waiting: the job
                // may still appear, and is cancelled if it does within the bound.
                throw cancelled(awaitLiveJob(name).map(id -> {
                    noteJob(id);
                    return cancel(id);
                }));
            }
            throw new IllegalStateException("pipeline of " + stage.id().display() + " could not be submitted to Flink at "
                    + master + ": " + rootMessage(e), e);
        }
        String id;
        try {
            id = findJob(name);
        } catch (InterruptedException e) {
            throw cancelled(awaitLiveJob(name).map(liveId -> {
                noteJob(liveId);
                return cancel(liveId);
            }));
        }
        long submitted = System.nanoTime();
        noteJob(id);
        context.note(BeamStageExecutor.FLINK_SUBMIT_MS, Long.toString((submitted - begin) / 1_000_000));
        String status;
        try {
            status = awaitEnd(id);
        } catch (InterruptedException e) {
            throw cancelled(Optional.of(cancel(id)));
        }
        LOG.info("Flink job {} of {} {}: submitted in {} ms, then ran {} ms", id, stage.id().display(), status,
                (submitted - begin) / 1_000_000, (System.nanoTime() - submitted) / 1_000_000);
        if (!"FINISHED".equals(status)) {
            Optional<String> failure = FlinkJobs.failure(master, id);
            IllegalStateException ended = new IllegalStateException("pipeline of " + stage.id().display()
                    + " on FlinkRunner ended " + status + failure.map(f -> ": " + f).orElse(""));
            // The job's error reaches the driver as text; memory running out must still read as such.
            failure.filter(f -> f.contains(OutOfMemoryError.class.getName()))
                    .ifPresent(f -> ended.initCause(new OutOfMemoryError(f.lines().findFirst().orElse(f))));
            throw ended;
        }
        return result;
    }

    /**
     * Reports the job's id for the summary JSON; on a session cluster, which outlives the run,
     * the printed summary also gives the id and the job's page in the web UI.
     */
    private void noteJob(String id) {
        context.note(BeamStageExecutor.FLINK_JOB_ID, id);
        if (linkToUi) {
            String link = FlinkJobs.uiLink(master, id);
            context.note(BeamStageExecutor.FLINK_UI, link);
            context.note(ExecutionContext.SUMMARY, "on " + where + ", Flink job " + id + " (" + link + ")");
        }
    }

    /** The job's id, looked up by its name once it is listed. */
    private String findJob(String name) throws InterruptedException {
        long deadline = System.nanoTime() + FIND_JOB.toNanos();
        long pause = FIRST_POLL_MS;
        while (true) {
            Optional<String> id = FlinkJobs.idOf(master, name);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (id.isPresent()) {
                return id.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the job of " + stage.id().display() + " (" + name
                        + ") was submitted but the Flink cluster at " + master + " does not list it");
            }
            Thread.sleep(pause);
            pause = Math.min(MAX_POLL_MS, pause * 2);
        }
    }

    /**
     * After an interrupt during submission: the job of this name that has not ended, waiting at
     * most {@link #CANCEL_WAIT} for it to be listed; empty if none shows up (it was never submitted,
     * or already ended).
     */
    private Optional<String> awaitLiveJob(String name) {
        Thread.interrupted();
        long deadline = System.nanoTime() + CANCEL_WAIT.toNanos();
        try {
            while (true) {
                Optional<String> id = FlinkJobs.liveIdOf(master, name);
                if (id.isPresent() || System.nanoTime() > deadline) {
                    return id;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            return Optional.empty();
        }
    }

    /** Polls the job's status until it is terminal: often at first, as most stages are short. */
    private String awaitEnd(String id) throws InterruptedException {
        long pause = FIRST_POLL_MS;
        while (true) {
            String status = FlinkJobs.status(master, id);
            if (FlinkJobs.terminal(status)) {
                return status;
            }
            Thread.sleep(pause);
            pause = Math.min(MAX_POLL_MS, pause * 2);
        }
    }

    /**
     * Cancels the job and waits, at most {@link #CANCEL_WAIT}, for it to end. Runs after an
     * interrupt, whose flag it clears so that its own waits are not cut short; the attempt then
     * fails with an InterruptedException. Returns what happened, for the attempt's error.
     */
    private String cancel(String id) {
        Thread.interrupted();
        LOG.info("cancelling Flink job {} of {}", id, stage.id().display());
        String status = "not known to have ended";
        try {
            FlinkJobs.cancel(master, id);
            long deadline = System.nanoTime() + CANCEL_WAIT.toNanos();
            status = FlinkJobs.status(master, id);
            while (!FlinkJobs.terminal(status) && System.nanoTime() < deadline) {
                Thread.sleep(20);
                status = FlinkJobs.status(master, id);
            }
            if (FlinkJobs.terminal(status)) {
                LOG.info("Flink job {} of {} ended {}", id, stage.id().display(), status);
            } else {
                LOG.warn("Flink job {} of {} is still {} {} s after it was cancelled", id, stage.id().display(), status,
                        CANCEL_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            LOG.warn("stopped waiting for Flink job {} of {} to be cancelled", id, stage.id().display());
        } catch (RuntimeException e) {
            LOG.warn("cannot cancel Flink job {} of {}: {}", id, stage.id().display(), e.getMessage(), e);
        }
        return "Flink job " + id + (FlinkJobs.terminal(status) ? " ended " + status : " was cancelled but is still " + status);
    }

    private InterruptedException cancelled(Optional<String> outcome) {
        return new InterruptedException(stage.id().display() + " was interrupted" + outcome.map(o -> "; its " + o).orElse(""));
    }

    private static boolean causedByInterrupt(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
