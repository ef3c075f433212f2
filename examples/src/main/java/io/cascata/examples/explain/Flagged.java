package io.cascata.examples.explain;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Workspace;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The readings above a threshold, one a line: the threshold is usually set in the config
 * ({@code [Flagged] threshold=}) or as {@code --Flagged-threshold}, not by the task that needs it.
 */
public record Flagged(@Param(value = "readings above this are flagged", defaultValue = "0.5") double threshold)
        implements Task {

    static final double[] READINGS = {0.12, 0.48, 0.51, 0.66, 0.73, 0.91, 0.35, 0.58};

    @Override
    public FileTarget output() {
        return Workspace.file(this, "flagged.txt");
    }

    @Override
    public void run() throws Exception {
        output().writeText(Arrays.stream(READINGS).filter(r -> r > threshold).mapToObj(Double::toString)
                .collect(Collectors.joining("\n", "", "\n")));
    }
}
