package io.cascata.ui.demo;

import io.cascata.core.Task;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Workspace;

/**
 * Stands for a Beam stage run on a Flink session cluster: {@link FlinkNotingExecutor} runs it and
 * notes the job's id and UI link as the Beam adapter does (a real cluster is too heavy for this test).
 */
public record FlinkStage() implements Task {

    public static final String JOB_ID = "3f2a9c0d1e7b4a5f8c6d2e1b0a9f8e7d";
    public static final String UI = "http://127.0.0.1:8081/#/job/" + JOB_ID + "/overview";

    @Override
    public FileTarget output() {
        return Workspace.file(this, "stage.txt");
    }
}
