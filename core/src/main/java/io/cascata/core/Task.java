package io.cascata.core;

import io.cascata.core.run.ExecutionContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A unit of work in a pipeline, in Luigi's sense: it says what it requires, what it outputs and
 * how it runs, and it is done when its outputs exist.
 *
 * <p>A task is an immutable value whose parameters are its identity. Write tasks as records: the
 * record components are the parameters (annotate them with {@link Param} for a description, a
 * default or to make them insignificant). A class with a public no-argument constructor is a
 * task without parameters.
 *
 * <p>{@link #requires()} and {@link #output()} return a <em>shape</em>: nothing ({@code null}),
 * one value, a {@link java.util.Collection} or a {@link java.util.Map} with string keys. Override
 * them with a narrower return type ({@code public LocalTarget output()}) so {@code run()} can use
 * the target directly.
 */
public interface Task {

    /**
     * The tasks this one needs before it can run: {@code null}, a {@link Task}, a collection of
     * tasks or a map from names to tasks.
     */
    default Object requires() {
        return null;
    }

    /**
     * What this task produces: {@code null}, a {@link io.cascata.core.targets.Target}, a
     * collection of targets or a map from names to targets.
     */
    default Object output() {
        return null;
    }

    /**
     * The outputs of {@link #requires()}, in the same shape: one target for one required task, a
     * list of targets for a list, a map of targets for a map. The result type is inferred from
     * the assignment, e.g. {@code LocalTarget in = input();}.
     */
    @SuppressWarnings("unchecked")
    default <T> T input() {
        return (T) Shapes.outputsOf(requires());
    }

    /**
     * Whether this task is done. By default: it has at least one output and every output exists
     * (a task without outputs is never complete, as in Luigi, unless it overrides this).
     *
     * <p>Overriding this changes when the task counts as done before a run, not what a run must
     * leave: after {@link #run()} returns, the driver checks that every output the task declares
     * exists, and fails the attempt otherwise, whether or not this method is overridden.
     */
    default boolean complete() {
        return Shapes.allExist(output());
    }

    /** Does the work. Outputs written here are committed only when this returns normally. */
    default void run() throws Exception {
    }

    /**
     * Does the work with the attempt's context at hand; by default {@link #run()}. Override this
     * one instead to require tasks found only while running ({@link ExecutionContext#require}):
     * the call returns their outputs once they are complete, and the code goes on from there.
     */
    default void run(ExecutionContext context) throws Exception {
        run();
    }

    /**
     * How eagerly this task starts: among tasks ready at once, a higher priority starts first
     * (0 by default, as in Luigi). Ties start in the order they became ready.
     */
    default int priority() {
        return 0;
    }

    /**
     * What this task holds while it runs, by resource name: the driver never runs tasks whose
     * amounts of a resource together exceed its {@code [resources]} limit (a resource the config
     * does not name has a limit of 1, as in Luigi). None by default.
     */
    default Map<String, Integer> resources() {
        return Map.of();
    }

    /**
     * How long one attempt of this task may run; empty (the default) for the run's
     * {@code [core] task-timeout}, when set. An attempt still running then is interrupted and
     * fails as timed out, and none of its outputs appear. Luigi calls this {@code worker_timeout}.
     */
    default Optional<Duration> timeout() {
        return Optional.empty();
    }

    /**
     * When this task runs again after a failure. The driver passes the policy of the run (from
     * {@code [core] retry-count}, {@code retry-delay}, ... and the command line); a task returns
     * it changed, e.g. {@code configured.withRetries(5).notRetryingOn(IllegalArgumentException.class)}.
     * Luigi's task-level {@code retry_count} property is this method.
     */
    default RetryPolicy retryPolicy(RetryPolicy configured) {
        return configured;
    }

    /** The family name: the simple class name, as Luigi names a task by its class. */
    default String family() {
        return getClass().getSimpleName();
    }

    /** The identity of this task: family plus its significant parameters. */
    default TaskId id() {
        return TaskId.of(this);
    }
}
