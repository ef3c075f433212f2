package io.cascata.examples.leases;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Targets;
import java.io.Writer;

/**
 * A leaf that logs each of its runs ({@link RunLog}) and writes its number, pausing while its
 * output is half written (so that a killed run leaves a temporary file behind): 10 ms, or
 * {@code $LEAF_PAUSE_MS}.
 */
public record CountedLeaf(@Param("leaf number") int i, @Param("directory, local or a URI") String dir) implements Task {

    @Override
    public FileTarget output() {
        return Targets.file(dir + "/leaf/" + i + ".txt");
    }

    @Override
    public void run() throws Exception {
        RunLog.record(dir, "leaf-" + i);
        try (Writer w = output().openWriter()) {
            w.write(Integer.toString(i));
            w.flush();
            String pause = System.getenv("LEAF_PAUSE_MS");
            Thread.sleep(pause == null ? 10 : Long.parseLong(pause));
        }
    }
}
