package io.cascata.ui.demo;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Workspace;

/** One of many quick tasks of a family, for the family counts. */
public record Part(@Param("which part") int index) implements Task {

    @Override
    public FileTarget output() {
        return Workspace.file(this, "part.txt");
    }

    @Override
    public void run() throws Exception {
        output().writeText(index + "\n");
    }
}
