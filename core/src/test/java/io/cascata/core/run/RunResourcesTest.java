package io.cascata.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.LocalTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Executors share a resource between the tasks of one run, and the run closes it when it ends. */
class RunResourcesTest {

    @TempDir
    Path tmp;

    /** A task that the counting executor runs. */
    record Shared(@Param("where") String out, @Param("before") List<Shared> before) implements Task {
        @Override
        public List<Shared> requires() {
            return before;
        }

        @Override
        public FileTarget output() {
            return LocalTarget.of(out);
        }
    }

    /** Stands for an expensive thing, such as an embedded cluster: counts how often it is started and closed. */
    static final class Expensive implements AutoCloseable {
        final AtomicInteger closed;
        volatile boolean open = true;

        Expensive(AtomicInteger started, AtomicInteger closed) {
            started.incrementAndGet();
            this.closed = closed;
        }

        @Override
        public void close() {
            open = false;
            closed.incrementAndGet();
        }
    }

    /** Runs Shared tasks with the run's Expensive, recording which instance each task saw and whether it was open. */
    static final class SharingExecutor implements TaskExecutor {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final List<Object> seen = Collections.synchronizedList(new ArrayList<>());

        @Override
        public boolean handles(Task task) {
            return task instanceof Shared;
        }

        @Override
        public void execute(Task task, ExecutionContext context) throws Exception {
            Expensive e = context.runResources().shared(Expensive.class, () -> new Expensive(started, closed));
            seen.add(e);
            assertTrue(e.open, "closed while the run still uses it");
            ((Shared) task).output().writeText("ok");
        }
    }

    private Driver driver(SharingExecutor executor) {
        return Driver.builder().workers(3).executor(executor).config(CascataConfig.empty()).build();
    }

    @Test
    void everyTaskOfARunGetsOneInstanceClosedWhenTheRunEnds() {
        SharingExecutor executor = new SharingExecutor();
        Shared a = new Shared(tmp.resolve("a").toString(), List.of());
        Shared b = new Shared(tmp.resolve("b").toString(), List.of());
        Shared c = new Shared(tmp.resolve("c").toString(), List.of(a, b));
        RunResult result = driver(executor).run(c);

        assertTrue(result.outcomes().stream().allMatch(o -> o.state() == TaskState.COMPLETED), result.toString());
        assertEquals(3, executor.seen.size());
        assertEquals(1, executor.seen.stream().distinct().count(), "one instance for the whole run");
        assertEquals(1, executor.started.get());
        assertEquals(1, executor.closed.get(), "closed when the run ended");
    }

    @Test
    void aLaterRunOfTheSameDriverStartsItsOwn() {
        SharingExecutor executor = new SharingExecutor();
        Driver driver = driver(executor);
        driver.run(new Shared(tmp.resolve("x").toString(), List.of()));
        driver.run(new Shared(tmp.resolve("y").toString(), List.of()));

        assertEquals(2, executor.seen.stream().distinct().count());
        assertEquals(2, executor.started.get());
        assertEquals(2, executor.closed.get());
    }
}
