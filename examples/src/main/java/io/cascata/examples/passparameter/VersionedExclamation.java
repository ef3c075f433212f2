package io.cascata.examples.passparameter;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.Workspace;
import io.cascata.core.targets.LocalTarget;

/** Adds "!!" to VersionedParameter's text; its own path follows the upstream parameter too. */
public record VersionedExclamation(@Param("text to write") String param) implements Task {

    @Override
    public VersionedParameter requires() {
        return new VersionedParameter(param);
    }

    @Override
    public LocalTarget output() {
        return Workspace.file(this, "exclaimed.txt");
    }

    @Override
    public void run() throws Exception {
        LocalTarget in = input();
        output().writeText(in.readText() + "!!");
    }
}
