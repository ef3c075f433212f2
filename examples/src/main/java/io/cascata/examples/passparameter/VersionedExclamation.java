package io.cascata.examples.passparameter;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.Workspace;
import io.cascata.core.targets.FileTarget;

/** Adds "!!" to VersionedParameter's text; its own path follows the upstream parameter too. */
public record VersionedExclamation(@Param("text to write") String param) implements Task {

    @Override
    public VersionedParameter requires() {
        return new VersionedParameter(param);
    }

    @Override
    public FileTarget output() {
        return Workspace.file(this, "exclaimed.txt");
    }

    @Override
    public void run() throws Exception {
        FileTarget in = input();
        output().writeText(in.readText() + "!!");
    }
}
