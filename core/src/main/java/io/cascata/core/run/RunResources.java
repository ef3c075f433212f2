package io.cascata.core.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Things an executor starts once and shares between the tasks of one run, such as an embedded
 * Flink cluster: made on first use, handed to every later task of the same run, and closed when
 * the run ends, whether it succeeded, failed or was interrupted. Each run has its own; nothing
 * outlives it.
 */
public final class RunResources {

    private static final Logger LOG = LoggerFactory.getLogger(RunResources.class);

    private final Map<Class<?>, AutoCloseable> resources = new LinkedHashMap<>();
    private boolean closed;

    RunResources() {
    }

    /**
     * The run's resource of this type, made by {@code start} the first time it is asked for.
     * Callers asking at once for the same type wait for the first one to be made, so a run
     * never starts two.
     */
    public synchronized <T extends AutoCloseable> T shared(Class<T> type, Supplier<? extends T> start) {
        if (closed) {
            throw new IllegalStateException("the run has ended; cannot start a " + type.getSimpleName());
        }
        AutoCloseable existing = resources.get(type);
        if (existing != null) {
            return type.cast(existing);
        }
        T made = start.get();
        resources.put(type, made);
        return made;
    }

    /** Closes every resource, the last made first; a failure to close one is logged and the others are still closed. */
    void close() {
        List<AutoCloseable> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(resources.values());
            resources.clear();
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                LOG.warn("cannot close {} at the end of the run", toClose.get(i), e);
            }
        }
    }
}
