package io.cascata.core.run;

import io.cascata.core.Task;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to the run's listeners and the class-level handlers, isolating their failures. */
final class EventDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final List<TaskListener> listeners;

    EventDispatcher(List<TaskListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void fire(Event type, Task task) {
        fire(type, task, null, null, null);
    }

    void fire(Event type, Task task, Task dependency, Duration processingTime, Throwable error) {
        List<TaskEvents.Registration> handlers = TaskEvents.handlers();
        if (listeners.isEmpty() && handlers.isEmpty()) {
            return;
        }
        TaskEvent event = new TaskEvent(type, task, dependency, processingTime, error);
        for (TaskListener listener : listeners) {
            deliver(listener, event);
        }
        for (TaskEvents.Registration r : handlers) {
            if (r.matches(event)) {
                deliver(r.handler(), event);
            }
        }
    }

    private static void deliver(TaskListener listener, TaskEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("event handler for {} on {} threw; the run goes on", event.type(), event.task().id().display(), e);
        }
    }
}
