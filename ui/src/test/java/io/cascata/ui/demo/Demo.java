package io.cascata.ui.demo;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Workspace;
import java.util.ArrayList;
import java.util.List;

/** The browser test's pipeline: two gated tasks, a failing one, a Flink-like stage and twelve parts. */
public record Demo(@Param("where gates are opened") String gates) implements Task {

    public static final int PARTS = 12;

    @Override
    public List<Task> requires() {
        List<Task> required = new ArrayList<>(List.of(new Gated("first", gates), new Gated("second", gates),
                new Broken(), new FlinkStage()));
        for (int i = 0; i < PARTS; i++) {
            required.add(new Part(i));
        }
        return required;
    }

    @Override
    public FileTarget output() {
        return Workspace.file(this, "demo.txt");
    }

    @Override
    public void run() throws Exception {
        output().writeText("done\n");
    }
}
