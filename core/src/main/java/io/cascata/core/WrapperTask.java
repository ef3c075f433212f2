package io.cascata.core;

/**
 * A task that only gathers other tasks: it runs nothing and is complete when everything it
 * requires is complete.
 *
 * <p>The driver knows a wrapper by this type: it judges the wrapper complete from the checks it
 * makes of the requirements anyway (each task is checked once per run) and does not call the
 * wrapper's {@link #complete()}, which is there for code outside the driver. So overriding
 * {@code complete()} here, to log say, changes nothing in a run.
 */
public interface WrapperTask extends Task {

    @Override
    default boolean complete() {
        return Shapes.tasks(requires()).stream().allMatch(Task::complete);
    }
}
