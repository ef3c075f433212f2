package io.cascata.core.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run as the history keeps it ({@code run.json} in the run's directory): written when the
 * run starts, with no end, and again when it ends. A run whose record has no end was stopped
 * before it could finish (killed, or still running).
 *
 * @param runId the run's id: its start time (UTC) and a random suffix, so that ids sort by start
 * @param commandLine the arguments the program was given
 * @param user the operating system user
 * @param host the machine's name
 * @param start when the run started
 * @param end when it ended; empty while it runs or when it was stopped
 * @param exitCode the process exit code; empty until the end
 * @param face the summary's verdict face ({@code :)}, {@code :|}, {@code :(}); empty until the end
 * @param verdict the summary's reason for it; empty until the end
 * @param counts how many tasks ended in each state; empty until the end
 * @param driverError the driver's own failure, if it had one
 */
public record RunRecord(String runId, List<String> commandLine, String user, String host, Instant start,
        Optional<Instant> end, Optional<Integer> exitCode, Optional<String> face, Optional<String> verdict,
        Map<String, Integer> counts, Optional<String> driverError) {

    public RunRecord {
        commandLine = List.copyOf(commandLine);
        counts = Map.copyOf(counts);
    }

    /** The record of a run that has just started. */
    public static RunRecord started(String runId, List<String> commandLine, String user, String host, Instant start) {
        return new RunRecord(runId, commandLine, user, host, start, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), Optional.empty());
    }

    /** This record with the run's end. */
    public RunRecord ended(Instant at, int exit, String runFace, String runVerdict, Map<String, Integer> stateCounts,
            Optional<String> error) {
        return new RunRecord(runId, commandLine, user, host, start, Optional.of(at), Optional.of(exit),
                Optional.of(runFace), Optional.of(runVerdict), stateCounts, error);
    }
}
