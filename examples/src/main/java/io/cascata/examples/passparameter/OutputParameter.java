package io.cascata.examples.passparameter;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import java.io.Writer;

/**
 * Writes its parameter to output/pass_parameter.txt. The path is fixed, as in the tutorial: a
 * second run with another value finds the file and runs nothing (see {@code VersionedParameter}
 * for outputs that follow the parameter).
 */
public record OutputParameter(@Param("text to write") String param) implements Task {

    @Override
    public LocalTarget output() {
        return LocalTarget.of("output/pass_parameter.txt");
    }

    @Override
    public void run() throws Exception {
        try (Writer w = output().openWriter()) {
            w.write(param);
        }
    }
}
