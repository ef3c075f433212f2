package io.cascata.core.targets;

import io.cascata.core.CodeVersion;
import io.cascata.core.Shapes;
import io.cascata.core.Task;
import io.cascata.core.TaskId;
import io.cascata.core.param.ParameterSources;
import io.cascata.core.settings.CoreSettings;
import io.cascata.core.settings.Settings;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Parameter-aware output paths: {@code <workspace>/<Family>/<stem>_<lineage hash><.ext>}. The
 * lineage hash covers the task's significant parameters and, recursively, those of everything it
 * requires, so changing any parameter upstream gives new paths, and that task and everything
 * downstream of it run again. A task that keeps a fixed path keeps Luigi's behaviour instead.
 *
 * <p>A task's code version ({@link io.cascata.core.Version}, or its bytecode with {@code [core]
 * rerun-on-code-change}) is part of its lineage too.
 *
 * <p>The workspace root is {@code workspace} in the working directory unless {@code [core]
 * workspace} in the config (or {@code --workspace}) says otherwise.
 */
public final class Workspace {

    /** The root used when nothing else is configured. */
    public static final String DEFAULT_ROOT = "workspace";

    /**
     * Lineage hashes per set of parameter sources: what a task requires can depend on the
     * config and command line, so a hash is only reused under the same sources.
     */
    private static final Map<ParameterSources, Map<Task, String>> LINEAGE =
            Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The task classes that have asked for a workspace path in this JVM: a fact about the code,
     * which lets per-task work that only concerns workspace outputs (their provenance) skip the
     * other classes of a big graph at the cost of one lookup.
     */
    private static final ClassValue<AtomicBoolean> GIVES_PATHS = new ClassValue<>() {
        @Override
        protected AtomicBoolean computeValue(Class<?> type) {
            return new AtomicBoolean();
        }
    };

    private Workspace() {
    }

    /** Whether a task class has asked for a workspace path (see {@link #path}) in this JVM. */
    public static boolean givesPaths(Class<?> taskClass) {
        return GIVES_PATHS.get(taskClass).get();
    }

    /** The workspace root in force. */
    public static String root() {
        return Settings.read(CoreSettings.class, ParameterSources.current().config()).workspace();
    }

    /** The path for a named output of a task, e.g. {@code counts.txt} or {@code model.json}. */
    public static String path(Task task, String name) {
        AtomicBoolean gives = GIVES_PATHS.get(task.getClass());
        if (!gives.get()) {
            gives.set(true);
        }
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        String root = root();
        return (root.endsWith("/") ? root : root + "/") + task.family() + "/" + stem + "_" + lineage(task) + ext;
    }

    /** A file output of a task, on the file system of the workspace root (local, hdfs://, s3a://, ...). */
    public static FileTarget file(Task task, String name) {
        return Targets.file(path(task, name), Format.PLAIN);
    }

    /** A file output of a task, stored in a format. */
    public static FileTarget file(Task task, String name, Format format) {
        return Targets.file(path(task, name), format);
    }

    /** A directory output of a task, on the file system of the workspace root (local or hdfs://). */
    public static DirectoryTarget directory(Task task, String name) {
        return Targets.directory(path(task, name));
    }

    /** Ten hex digits over the task's id and the lineage of everything it requires. */
    public static String lineage(Task task) {
        ParameterSources sources = ParameterSources.current();
        Map<Task, String> cache = LINEAGE.computeIfAbsent(sources,
                s -> Collections.synchronizedMap(new WeakHashMap<>()));
        String cached = cache.get(task);
        if (cached != null) {
            return cached;
        }
        return lineage(task, cache, Settings.read(CoreSettings.class, sources.config()).rerunOnCodeChange());
    }

    /** The code version a task's lineage includes under the settings in force (see {@link CodeVersion}). */
    public static String codeVersion(Task task) {
        return CodeVersion.of(task.getClass(),
                Settings.read(CoreSettings.class, ParameterSources.current().config()).rerunOnCodeChange());
    }

    /**
     * Post-order over the requirements with an explicit stack, so that a chain of any depth is
     * hashed without deepening the thread's stack. Each task's value is the same as the plain
     * recursive definition: SHA-256 of family, id hash and the sorted lineages upstream.
     */
    private static String lineage(Task task, Map<Task, String> cache, boolean bytecode) {
        String cached = cache.get(task);
        if (cached != null) {
            return cached;
        }
        Deque<LineageFrame> stack = new ArrayDeque<>();
        Set<Task> onPath = new HashSet<>();
        stack.push(new LineageFrame(task));
        onPath.add(task);
        String value = null;
        while (!stack.isEmpty()) {
            LineageFrame frame = stack.peek();
            if (frame.next < frame.requirements.size()) {
                Task dependency = frame.requirements.get(frame.next++);
                String known = cache.get(dependency);
                if (known != null) {
                    frame.upstream.add(known);
                } else if (!onPath.add(dependency)) {
                    throw new IllegalStateException("dependency cycle: " + dependency.id().display()
                            + " requires itself; its lineage has no value");
                } else {
                    stack.push(new LineageFrame(dependency));
                }
                continue;
            }
            stack.pop();
            onPath.remove(frame.task);
            Collections.sort(frame.upstream);
            TaskId id = frame.task.id();
            // A code version joins the hashed text only when there is one, so lineages of
            // unversioned tasks stay what they always were.
            String code = CodeVersion.of(frame.task.getClass(), bytecode);
            value = TaskId.sha256Hex(id.family() + "\n" + id.hash() + "\n" + String.join(",", frame.upstream)
                    + (code.isEmpty() ? "" : "\ncode:" + code)).substring(0, 10);
            cache.put(frame.task, value);
            if (!stack.isEmpty()) {
                stack.peek().upstream.add(value);
            }
        }
        return value;
    }

    /** A task whose lineage is being computed: its requirements and the lineages found so far. */
    private static final class LineageFrame {
        final Task task;
        final List<Task> requirements;
        final List<String> upstream = new ArrayList<>();
        int next;

        LineageFrame(Task task) {
            this.task = task;
            this.requirements = Shapes.tasks(task.requires());
        }
    }
}
