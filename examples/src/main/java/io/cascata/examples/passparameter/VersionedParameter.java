package io.cascata.examples.passparameter;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.Workspace;
import io.cascata.core.targets.FileTarget;

/**
 * OutputParameter with a parameter-aware output: the path carries a hash of the parameter, so
 * another value writes another file and runs again, as the tutorial's authors wanted.
 */
public record VersionedParameter(@Param("text to write") String param) implements Task {

    @Override
    public FileTarget output() {
        return Workspace.file(this, "parameter.txt");
    }

    @Override
    public void run() throws Exception {
        output().writeText(param);
    }
}
