package io.cascata.core.run;

import io.cascata.core.Task;

/** Runs a plain task's {@code run(context)} on the worker thread. */
final class PlainTaskExecutor implements TaskExecutor {

    @Override
    public boolean handles(Task task) {
        return true;
    }

    @Override
    public void execute(Task task, ExecutionContext context) throws Exception {
        task.run(context);
    }
}
