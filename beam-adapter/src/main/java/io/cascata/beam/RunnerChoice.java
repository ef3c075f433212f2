package io.cascata.beam;

/**
 * The runner a stage gets and why.
 *
 * @param runner the runner
 * @param reason what decided it, for the log and the summary
 */
record RunnerChoice(Runner runner, String reason) {

    /** The runner's Beam name, as the summary shows it. */
    String name() {
        return runner.beamName();
    }

    boolean flink() {
        return runner == Runner.FLINK;
    }
}
