package io.cascata.core.run;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventHandler} methods that apply to a task class: its own and those of every type
 * it extends or implements, found once per class. They are part of the code, not of any run.
 */
final class AnnotatedHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(AnnotatedHandlers.class);

    private static final ClassValue<List<Handler>> BY_CLASS = new ClassValue<>() {
        @Override
        protected List<Handler> computeValue(Class<?> type) {
            return find(type);
        }
    };

    private AnnotatedHandlers() {
    }

    /** The handlers of a task class; a wrongly declared one is logged, once, and left out. */
    static List<Handler> of(Class<?> taskClass) {
        return BY_CLASS.get(taskClass);
    }

    private static List<Handler> find(Class<?> type) {
        List<Handler> handlers = new ArrayList<>();
        Set<String> overridden = new HashSet<>();
        for (Class<?> t : hierarchy(type)) {
            for (Method m : t.getDeclaredMethods()) {
                EventHandler annotation = m.getAnnotation(EventHandler.class);
                if (annotation == null) {
                    continue;
                }
                boolean isStatic = Modifier.isStatic(m.getModifiers());
                if (m.getParameterCount() != 1 || m.getParameterTypes()[0] != TaskEvent.class) {
                    LOG.error("{}.{} is an @EventHandler but does not take exactly one TaskEvent; it is never called",
                            t.getName(), m.getName());
                    continue;
                }
                // An instance handler that a subclass overrides runs once, as the override.
                if (!isStatic && !overridden.add(m.getName())) {
                    continue;
                }
                m.setAccessible(true);
                handlers.add(new Handler(EnumSet.of(annotation.value()[0], annotation.value()), m, isStatic));
            }
        }
        return List.copyOf(handlers);
    }

    /** The class, its superclasses, then every interface, most specific first. */
    private static Set<Class<?>> hierarchy(Class<?> type) {
        Set<Class<?>> all = new LinkedHashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            all.add(c);
        }
        Deque<Class<?>> todo = new ArrayDeque<>(all);
        while (!todo.isEmpty()) {
            for (Class<?> i : todo.poll().getInterfaces()) {
                if (all.add(i)) {
                    todo.add(i);
                }
            }
        }
        return all;
    }

    /** One handler method and the events it handles. */
    record Handler(Set<Event> events, Method method, boolean isStatic) implements TaskListener {

        @Override
        public void onEvent(TaskEvent event) {
            try {
                method.invoke(isStatic ? null : event.task(), event);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot call " + method, e);
            }
        }
    }
}
