package io.cascata.beam;

/**
 * The runner a stage gets and why.
 *
 * @param runner the runner's Beam name, {@code DirectRunner} or {@code FlinkRunner}
 * @param reason what decided it, for the log and the summary
 */
record RunnerChoice(String runner, String reason) {

    RunnerChoice(Runner runner, String reason) {
        this(runner.beamName(), reason);
    }

    boolean flink() {
        return Runner.FLINK.beamName().equals(runner);
    }
}
