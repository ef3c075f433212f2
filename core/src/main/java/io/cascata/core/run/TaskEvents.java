package io.cascata.core.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Class-level event handlers, the counterpart of Luigi's {@code @Task.event_handler}: a handler
 * registered for a type receives the events of every task that is an instance of it.
 */
public final class TaskEvents {

    private static final List<Registration> HANDLERS = new CopyOnWriteArrayList<>();

    private TaskEvents() {
    }

    /**
     * Registers a handler for one event on every task of a type (a task class, or an interface
     * such as {@code Task.class} for all). Returns the registration, to {@link #remove} it later.
     */
    public static Registration register(Class<?> taskType, Event event, TaskListener handler) {
        Registration registration = new Registration(taskType, event, handler);
        HANDLERS.add(registration);
        return registration;
    }

    /** Removes a registration. */
    public static void remove(Registration registration) {
        HANDLERS.remove(registration);
    }

    static List<Registration> handlers() {
        return HANDLERS;
    }

    /** A handler bound to a task type and an event. */
    public record Registration(Class<?> taskType, Event event, TaskListener handler) {

        boolean matches(TaskEvent e) {
            return event == e.type() && taskType.isInstance(e.task());
        }
    }
}
