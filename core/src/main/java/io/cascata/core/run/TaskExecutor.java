package io.cascata.core.run;

import io.cascata.core.Task;

/**
 * Runs tasks of some kind. Plain tasks run their {@code run()} in the driver; other modules
 * (Beam stages, say) register an executor through {@link java.util.ServiceLoader} for the
 * tasks they handle. The first executor that handles a task runs it.
 */
public interface TaskExecutor {

    /** Whether this executor runs the task. */
    boolean handles(Task task);

    /** Runs one attempt of the task; throwing fails the attempt. */
    void execute(Task task, ExecutionContext context) throws Exception;
}
