package io.cascata.core.run;

/** Receives task events. Exceptions it throws are logged and never affect the run. */
@FunctionalInterface
public interface TaskListener {

    void onEvent(TaskEvent event);
}
