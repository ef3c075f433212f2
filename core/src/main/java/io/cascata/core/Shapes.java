package io.cascata.core;

import io.cascata.core.targets.Target;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks the shapes that {@link Task#requires()} and {@link Task#output()} return: nothing, one
 * value, a collection or a string-keyed map.
 */
public final class Shapes {

    private Shapes() {
    }

    /** Every task in a requires() shape, in order. */
    public static List<Task> tasks(Object shape) {
        return flatten(shape, Task.class, "requires()");
    }

    /** Every target in an output() shape, in order. */
    public static List<Target> targets(Object shape) {
        return flatten(shape, Target.class, "output()");
    }

    /** True when the shape holds at least one target and all of them exist. */
    public static boolean allExist(Object outputShape) {
        List<Target> targets = targets(outputShape);
        if (targets.isEmpty()) {
            return false;
        }
        for (Target target : targets) {
            if (!target.exists()) {
                return false;
            }
        }
        return true;
    }

    /** Replaces each task in a requires() shape by its output(), keeping the shape. */
    public static Object outputsOf(Object requiresShape) {
        if (requiresShape == null) {
            return null;
        }
        if (requiresShape instanceof Task task) {
            return task.output();
        }
        if (requiresShape instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((key, value) -> out.put(key, outputsOf(value)));
            return Collections.unmodifiableMap(out);
        }
        if (requiresShape instanceof Collection<?> collection) {
            List<Object> out = new ArrayList<>(collection.size());
            for (Object element : collection) {
                out.add(outputsOf(element));
            }
            return Collections.unmodifiableList(out);
        }
        throw new IllegalArgumentException("requires() returned a " + requiresShape.getClass().getName()
                + "; expected null, a Task, a Collection of tasks or a Map of tasks");
    }

    private static <T> List<T> flatten(Object shape, Class<T> type, String what) {
        if (shape == null) {
            return List.of();
        }
        if (type.isInstance(shape)) {
            return List.of(type.cast(shape));
        }
        List<T> out = new ArrayList<>();
        addAll(shape, type, what, out);
        return out;
    }

    private static <T> void addAll(Object shape, Class<T> type, String what, List<T> out) {
        if (shape == null) {
            return;
        }
        if (type.isInstance(shape)) {
            out.add(type.cast(shape));
        } else if (shape instanceof Map<?, ?> map) {
            for (Object value : map.values()) {
                addAll(value, type, what, out);
            }
        } else if (shape instanceof Collection<?> collection) {
            for (Object element : collection) {
                addAll(element, type, what, out);
            }
        } else {
            throw new IllegalArgumentException(what + " returned a " + shape.getClass().getName()
                    + "; expected null, a " + type.getSimpleName() + ", a Collection or a Map of them");
        }
    }
}
