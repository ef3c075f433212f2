package io.cascata.beam;

import io.cascata.core.Task;

/**
 * A task whose work is a Beam pipeline. Its author builds the transforms from the stage's inputs
 * and says what to write, through {@link StageContext}; the driver creates the pipeline with the
 * runner and options that fit, runs it to completion and commits the outputs atomically. Outputs
 * are {@link io.cascata.core.targets.DirectoryTarget}s.
 */
public interface BeamStage extends Task {

    /** Builds the stage: read inputs, transform, write outputs, all through the context. */
    void build(StageContext stage) throws Exception;

    /** LIGHT, HEAVY or AUTO (the default): see {@link Weight}. */
    default Weight weight() {
        return Weight.AUTO;
    }

    /**
     * A named resource tier ({@code "small"}, {@code "big"}, ...) that the config maps to a
     * parallelism and a Flink address in a {@code [tier.NAME]} section; empty for the defaults.
     */
    default java.util.Optional<String> tier() {
        return java.util.Optional.empty();
    }

    /** A parallelism this stage asks for, above its tier's and the global one; 0 for none. */
    default int parallelism() {
        return 0;
    }

    /** A stage runs through its pipeline, never directly. */
    @Override
    default void run() {
        throw new IllegalStateException("Beam stage " + id().display()
                + " runs through the Beam stage executor; is cascata-beam-adapter on the class path?");
    }
}
