package io.cascata.core.run;

import io.cascata.core.Task;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to the run's listeners, the run's class-level handlers and the task class's
 * {@link EventHandler} methods, isolating their failures.
 */
final class EventDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final List<TaskListener> listeners;
    private final List<ClassHandler> handlers;
    /** The event types some run listener accepts. */
    private final Set<Event> listened = EnumSet.noneOf(Event.class);

    EventDispatcher(List<TaskListener> listeners, List<ClassHandler> handlers) {
        this.listeners = List.copyOf(listeners);
        this.handlers = List.copyOf(handlers);
        for (TaskListener listener : this.listeners) {
            for (Event type : Event.values()) {
                if (listener.accepts(type)) {
                    listened.add(type);
                }
            }
        }
    }

    void fire(Event type, TaskNode node) {
        fire(type, node, null, null, null);
    }

    /** Whether anyone listens to this type of event about this task: callers skip building events nobody would receive. */
    boolean active(Event type, TaskNode node) {
        return active(type, node.task);
    }

    private boolean active(Event type, Task task) {
        return listened.contains(type) || !handlers.isEmpty() || !AnnotatedHandlers.of(task.getClass()).isEmpty();
    }

    /** {@link Event#PROCESSING_TIME}; the duration is only made when someone listens. */
    void processingTime(TaskNode node, long nanos) {
        if (active(Event.PROCESSING_TIME, node.task)) {
            fire(Event.PROCESSING_TIME, node, null, Duration.ofNanos(nanos), null);
        }
    }

    void fire(Event type, TaskNode node, Task dependency, Duration processingTime, Throwable error) {
        fire(type, node, dependency, processingTime, error, null);
    }

    /**
     * An attempt's end ({@link Event#SUCCESS} or {@link Event#FAILURE}), with how long it ran and what
     * its executor noted (made into a map only when someone listens).
     */
    void attemptEnded(Event type, TaskNode node, long runNanos, Throwable error,
            java.util.function.Supplier<java.util.Map<String, String>> details) {
        if (active(type, node.task)) {
            fire(type, node, null, Duration.ofNanos(runNanos), error, details.get());
        }
    }

    private void fire(Event type, TaskNode node, Task dependency, Duration processingTime, Throwable error,
            java.util.Map<String, String> details) {
        Task task = node.task;
        if (!active(type, task)) {
            return; // the common case on big graphs: no event object at all
        }
        TaskEvent event = new TaskEvent(type, task, node.id, node.order, node.attempts, dependency, processingTime, error, details);
        for (TaskListener listener : listeners) {
            if (listener.accepts(type)) {
                deliver(listener, event);
            }
        }
        for (ClassHandler h : handlers) {
            if (h.matches(event)) {
                deliver(h.handler(), event);
            }
        }
        for (AnnotatedHandlers.Handler h : AnnotatedHandlers.of(task.getClass())) {
            if (h.events().contains(type)) {
                deliver(h, event);
            }
        }
    }

    private static void deliver(TaskListener listener, TaskEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("event handler for {} on {} threw; the run goes on", event.type(), event.id(), e);
        }
    }
}
