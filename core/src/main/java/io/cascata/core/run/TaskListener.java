package io.cascata.core.run;

/** Receives task events. Exceptions it throws are logged and never affect the run. */
@FunctionalInterface
public interface TaskListener {

    void onEvent(TaskEvent event);

    /**
     * Whether this listener wants events of a type; all by default. A listener that needs only a
     * few types says so, and a big graph then makes no event objects of the others for it (there
     * is one DEPENDENCY_DISCOVERED per edge).
     */
    default boolean accepts(Event type) {
        return true;
    }
}
