package io.cascata.examples.pagedemo;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task for the status page test: it logs a few lines of its own, then runs until a file named
 * {@code open} appears in the gates directory, so that its log can be looked at while it runs.
 */
public record Chatty(@Param("where the gate is opened") String gates) implements Task {

    private static final Logger LOG = LoggerFactory.getLogger(Chatty.class);

    @Override
    public FileTarget output() {
        return Workspace.file(this, "chatty.txt");
    }

    @Override
    public void run() throws Exception {
        LOG.info("chatty says hello");
        LOG.warn("chatty warns about {}", "the weather");
        Path gate = Path.of(gates, "open");
        while (!Files.exists(gate)) {
            Thread.sleep(50);
        }
        LOG.info("chatty passed the gate");
        output().writeText("passed\n");
    }
}
