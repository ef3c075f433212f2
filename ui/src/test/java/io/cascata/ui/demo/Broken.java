package io.cascata.ui.demo;

import io.cascata.core.Task;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Workspace;

/** A task that fails, for the browser test. */
public record Broken() implements Task {

    /** What the page must show. */
    public static final String ERROR = "the sales table has no partition 2026-11-23";

    @Override
    public FileTarget output() {
        return Workspace.file(this, "broken.txt");
    }

    @Override
    public void run() {
        throw new IllegalStateException(ERROR);
    }
}
