package io.cascata.beam;

/**
 * The runner a stage gets and why.
 *
 * @param runner {@code DirectRunner} or {@code FlinkRunner}
 * @param reason what decided it, for the log and the summary
 */
record RunnerChoice(String runner, String reason) {

    static final String DIRECT = "DirectRunner";
    static final String FLINK = "FlinkRunner";

    boolean flink() {
        return FLINK.equals(runner);
    }
}
