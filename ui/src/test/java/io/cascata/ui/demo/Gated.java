package io.cascata.ui.demo;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** A slow task for the browser test: it runs until a file named as the task appears in the gates directory. */
public record Gated(@Param("the gate's name") String name, @Param("where gates are opened") String gates)
        implements Task {

    @Override
    public FileTarget output() {
        return Workspace.file(this, name + ".txt");
    }

    @Override
    public void run() throws Exception {
        LoggerFactory.getLogger(Gated.class).info("waiting for gate {}", name);
        Path gate = Path.of(gates, name);
        while (!Files.exists(gate)) {
            Thread.sleep(50);
        }
        output().writeText("passed\n");
    }
}
