package io.cascata.ui.demo;

import io.cascata.core.Task;
import io.cascata.core.run.ExecutionContext;
import io.cascata.core.run.TaskExecutor;

/** Runs {@link FlinkStage}: notes its job as the Beam adapter notes a Flink job, and writes its output. */
public final class FlinkNotingExecutor implements TaskExecutor {

    @Override
    public boolean handles(Task task) {
        return task instanceof FlinkStage;
    }

    @Override
    public void execute(Task task, ExecutionContext context) throws Exception {
        context.note("runner", "FlinkRunner");
        context.note("flink-job-id", FlinkStage.JOB_ID);
        context.note("flink-ui", FlinkStage.UI);
        ((FlinkStage) task).output().writeText("ok\n");
    }
}
