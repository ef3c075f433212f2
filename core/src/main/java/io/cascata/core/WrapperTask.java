package io.cascata.core;

/**
 * A task that only gathers other tasks: it runs nothing and is complete when everything it
 * requires is complete.
 */
public interface WrapperTask extends Task {

    @Override
    default boolean complete() {
        return Shapes.tasks(requires()).stream().allMatch(Task::complete);
    }
}
