package io.cascata.core.param;

import io.cascata.core.Task;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The task families a program can run, found without a hand-kept list: at compile time the
 * {@code TaskIndexProcessor} writes every concrete task class into
 * {@value #INDEX_RESOURCE}, and this registry reads all such files on the class path.
 *
 * <p>A family is named by its simple class name. When two classes share it, each is still
 * reachable as {@code module.Name}, the module being the last segment of its package (like a
 * Python module of Luigi tasks), or by its fully qualified class name.
 */
public final class TaskRegistry {

    /** The index resource written by the annotation processor, one class name a line. */
    public static final String INDEX_RESOURCE = "META-INF/cascata/tasks";

    private static volatile TaskRegistry global;

    private final Map<String, List<Class<? extends Task>>> bySimpleName = new ConcurrentHashMap<>();
    private final ClassLoader loader;

    private TaskRegistry(ClassLoader loader) {
        this.loader = loader;
    }

    /** The registry of the context class loader, read once. */
    public static TaskRegistry global() {
        TaskRegistry r = global;
        if (r == null) {
            synchronized (TaskRegistry.class) {
                r = global;
                if (r == null) {
                    r = load(Thread.currentThread().getContextClassLoader());
                    global = r;
                }
            }
        }
        return r;
    }

    /** Reads every index file visible to a class loader. */
    public static TaskRegistry load(ClassLoader loader) {
        TaskRegistry registry = new TaskRegistry(loader);
        try {
            Enumeration<URL> indexes = loader.getResources(INDEX_RESOURCE);
            while (indexes.hasMoreElements()) {
                URL url = indexes.nextElement();
                try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        line = line.trim();
                        if (!line.isEmpty() && !line.startsWith("#")) {
                            registry.registerName(line);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the task index " + INDEX_RESOURCE, e);
        }
        return registry;
    }

    private void registerName(String className) {
        try {
            Class<?> type = Class.forName(className, false, loader);
            if (Task.class.isAssignableFrom(type)) {
                register(type.asSubclass(Task.class));
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // An index line for a class that is not on this class path: another build's leftover.
        }
    }

    /** The resource naming the family a program runs when the command line names none. */
    public static final String DEFAULT_TASK_RESOURCE = "META-INF/cascata/default-task";

    /** The program's own default family, from {@value #DEFAULT_TASK_RESOURCE}, if it ships one. */
    public Optional<String> defaultFamilyName() {
        try (var in = loader.getResourceAsStream(DEFAULT_TASK_RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            String name = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return name.isEmpty() ? Optional.empty() : Optional.of(name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_TASK_RESOURCE, e);
        }
    }

    /** Adds a task class by hand (for classes compiled without the processor). */
    public void register(Class<? extends Task> type) {
        List<Class<? extends Task>> list = bySimpleName.computeIfAbsent(type.getSimpleName(), k -> new ArrayList<>());
        synchronized (list) {
            if (!list.contains(type)) {
                list.add(type);
            }
        }
    }

    /** Resolves a family name (the simple class name) or a fully qualified class name. */
    public TaskFamily resolve(String name) {
        List<Class<? extends Task>> candidates = bySimpleName.get(name);
        if (candidates != null && candidates.size() == 1) {
            return TaskFamily.of(candidates.get(0));
        }
        if (candidates != null && candidates.size() > 1) {
            List<String> names = candidates.stream().map(TaskRegistry::moduleName).sorted().toList();
            throw new ParameterException("task family '" + name + "' is ambiguous: " + String.join(", ", names)
                    + "; name one of these");
        }
        if (name.contains(".")) {
            String simple = name.substring(name.lastIndexOf('.') + 1);
            List<Class<? extends Task>> sameSimple = bySimpleName.getOrDefault(simple, List.of());
            for (Class<? extends Task> type : sameSimple) {
                if (moduleName(type).equals(name)) {
                    return TaskFamily.of(type);
                }
            }
            try {
                Class<?> type = Class.forName(name, true, loader);
                if (Task.class.isAssignableFrom(type)) {
                    return TaskFamily.of(type);
                }
            } catch (ClassNotFoundException e) {
                // fall through to the listing below
            }
        }
        if (familyNames().isEmpty()) {
            throw new ParameterException("unknown task family '" + name + "': no task index (" + INDEX_RESOURCE
                    + ") is on the class path, so no family is known. Check that Cascata's annotation processor"
                    + " ran when the tasks were compiled: from JDK 23 on, javac runs a processor only when it is"
                    + " configured (maven-compiler-plugin <annotationProcessorPaths> with cascata-core, or -proc:full)");
        }
        throw new ParameterException("unknown task family '" + name + "'; known families: " + String.join(", ", familyNames()));
    }

    /** {@code module.Name}: the last package segment and the simple class name. */
    static String moduleName(Class<?> type) {
        String pkg = type.getPackageName();
        String module = pkg.substring(pkg.lastIndexOf('.') + 1);
        return module.isEmpty() ? type.getSimpleName() : module + "." + type.getSimpleName();
    }

    /** Every known family by the name that resolves it (simple, or module.Name when shared), sorted. */
    public Map<String, TaskFamily> familiesByName() {
        Map<String, TaskFamily> sorted = new TreeMap<>();
        bySimpleName.forEach((simple, types) -> {
            for (Class<? extends Task> t : types) {
                try {
                    sorted.put(types.size() == 1 ? simple : moduleName(t), TaskFamily.of(t));
                } catch (RuntimeException e) {
                    // A class that is not a valid family is left out of listings; resolving it names the problem.
                }
            }
        });
        return sorted;
    }

    /** Every known family. */
    public Collection<TaskFamily> families() {
        return familiesByName().values();
    }

    /** Every name that resolves a known family, sorted. */
    public List<String> familyNames() {
        return new ArrayList<>(familiesByName().keySet());
    }
}
