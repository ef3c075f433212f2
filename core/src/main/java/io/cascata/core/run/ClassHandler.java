package io.cascata.core.run;

/**
 * A handler for one event on every task of a type (a task class, or an interface such as
 * {@code Task.class} for all), registered on one driver with {@link Driver.Builder#eventHandler}.
 *
 * @param taskType the type whose tasks' events the handler receives
 * @param event the event
 * @param handler what to call
 */
public record ClassHandler(Class<?> taskType, Event event, TaskListener handler) {

    boolean matches(TaskEvent e) {
        return event == e.type() && taskType.isInstance(e.task());
    }
}
