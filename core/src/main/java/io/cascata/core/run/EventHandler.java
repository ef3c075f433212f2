package io.cascata.core.run;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a task class (or of a type it extends or implements) as a class-level event
 * handler, the counterpart of Luigi's {@code @Task.event_handler}: every driver that runs a task
 * of that type calls it for the events named. The method takes one {@link TaskEvent}; an
 * instance method runs on the task the event is about, a static one is simply called.
 *
 * <pre>{@code
 * @EventHandler(Event.PROCESSING_TIME)
 * static void logTime(TaskEvent event) { LOG.info("took {}", event.processingTime()); }
 * }</pre>
 *
 * <p>Handlers that belong to one run rather than to the code are registered on the driver with
 * {@link Driver.Builder#eventHandler}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface EventHandler {

    /** The events the method handles. */
    Event[] value();
}
