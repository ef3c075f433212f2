package io.cascata.examples.explain;

import io.cascata.core.Task;
import io.cascata.core.Tasks;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Workspace;

/**
 * How many readings are flagged. Its output follows its lineage, so a new threshold upstream
 * gives it a new path: {@code FlagReport --Flagged-threshold 0.7 --explain} says that is why it runs.
 */
public record FlagReport() implements Task {

    @Override
    public Flagged requires() {
        return Tasks.create(Flagged.class);
    }

    @Override
    public FileTarget output() {
        return Workspace.file(this, "report.txt");
    }

    @Override
    public void run() throws Exception {
        FileTarget in = input();
        long flagged = in.readText().lines().filter(l -> !l.isBlank()).count();
        output().writeText(flagged + " of " + Flagged.READINGS.length + " readings flagged\n");
    }
}
