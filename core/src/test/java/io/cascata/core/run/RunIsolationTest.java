package io.cascata.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.Tasks;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.param.ParameterSources;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two drivers in one JVM, running at the same time, see only their own config, parameters and handlers. */
class RunIsolationTest {

    @TempDir
    Path tmp;

    /** Requires an IsoLeaf built from code, so its value comes from the run's config. */
    record IsoRoot() implements Task {
        @Override
        public IsoLeaf requires() {
            return Tasks.create(IsoLeaf.class);
        }

        @Override
        public FileTarget output() {
            return Workspace.file(this, "root.txt");
        }

        @Override
        public void run() throws Exception {
            FileTarget in = input();
            output().writeText("root of " + in.readText());
        }
    }

    /**
     * Writes its value, the workspace root its own thread sees, and the roots seen by a thread it
     * starts itself, without and with the run's sources.
     */
    record IsoLeaf(@Param("a value from the config") String value) implements Task {
        @Override
        public FileTarget output() {
            return Workspace.file(this, "leaf.txt");
        }

        @Override
        public void run() throws Exception {
            String unbound = CompletableFuture.supplyAsync(Workspace::root).get(30, TimeUnit.SECONDS);
            String[] seen = new String[1];
            CompletableFuture.runAsync(ParameterSources.current().bindTo(() -> seen[0] = Workspace.root()))
                    .get(30, TimeUnit.SECONDS);
            String bound = seen[0];
            output().writeText(value + "\n" + Workspace.root() + "\n" + unbound + "\n" + bound);
        }
    }

    private CascataConfig config(String name) {
        return CascataConfig.of(Map.of("core", Map.of("workspace", tmp.resolve(name).toString()),
                "IsoLeaf", Map.of("value", name)), n -> null);
    }

    @Test
    void twoDriversAtOnceShareNeitherConfigNorParametersNorHandlers() throws Exception {
        // Both leaves start before either goes on: the runs overlap.
        CyclicBarrier together = new CyclicBarrier(2);
        List<TaskEvent> alphaEvents = Collections.synchronizedList(new ArrayList<>());
        List<TaskEvent> betaEvents = Collections.synchronizedList(new ArrayList<>());
        Driver alpha = Driver.builder().config(config("alpha")).workers(2)
                .eventHandler(IsoLeaf.class, Event.START, e -> await(together))
                .eventHandler(Task.class, Event.SUCCESS, alphaEvents::add).build();
        Driver beta = Driver.builder().config(config("beta")).workers(2)
                .eventHandler(IsoLeaf.class, Event.START, e -> await(together))
                .eventHandler(Task.class, Event.SUCCESS, betaEvents::add).build();
        ParameterSources before = ParameterSources.current();

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<RunResult> a = threads.submit(() -> alpha.run(new IsoRoot()));
            Future<RunResult> b = threads.submit(() -> beta.run(new IsoRoot()));
            RunResult ra = a.get(60, TimeUnit.SECONDS);
            RunResult rb = b.get(60, TimeUnit.SECONDS);
            assertTrue(ra.success(), ExecutionSummary.render(ra));
            assertTrue(rb.success(), ExecutionSummary.render(rb));
        } finally {
            threads.shutdownNow();
        }

        for (String name : List.of("alpha", "beta")) {
            Path root = tmp.resolve(name);
            List<String> leaf = Files.readAllLines(onlyFile(root.resolve("IsoLeaf")));
            assertEquals(List.of(name, root.toString(), Workspace.DEFAULT_ROOT, root.toString()), leaf,
                    "the leaf's value and workspace are its run's; a thread it starts sees the run's only when bound");
            assertEquals("root of " + String.join("\n", leaf), Files.readString(onlyFile(root.resolve("IsoRoot"))));
        }
        assertEquals(List.of("alpha"), leafValues(alphaEvents), "alpha's handler heard only alpha's tasks");
        assertEquals(List.of("beta"), leafValues(betaEvents), "beta's handler heard only beta's tasks");
        assertEquals(2, alphaEvents.size());
        assertEquals(2, betaEvents.size());
        assertSame(before, ParameterSources.current(), "the calling thread's sources are as they were");
    }

    @Test
    void aThreadWithoutARunSeesTheProcessDefaultOnlyWhenAnEntryPointSetOne() throws Exception {
        ParameterSources mine = new ParameterSources(Map.of(), config("mine"));
        try (ParameterSources.Scope scope = ParameterSources.use(mine)) {
            String elsewhere = CompletableFuture.supplyAsync(Workspace::root).get(30, TimeUnit.SECONDS);
            assertEquals(Workspace.DEFAULT_ROOT, elsewhere, "another thread does not see this thread's sources");
            assertEquals(tmp.resolve("mine").toString(), Workspace.root());
        }
        ParameterSources process = new ParameterSources(Map.of(), config("process"));
        ParameterSources.setProcessDefault(process);
        try {
            assertEquals(tmp.resolve("process").toString(),
                    CompletableFuture.supplyAsync(Workspace::root).get(30, TimeUnit.SECONDS));
        } finally {
            ParameterSources.setProcessDefault(null);
        }
    }

    private static List<String> leafValues(List<TaskEvent> events) {
        return events.stream().filter(e -> e.task() instanceof IsoLeaf).map(e -> ((IsoLeaf) e.task()).value()).toList();
    }

    private static Path onlyFile(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            List<Path> visible = files.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
            assertEquals(1, visible.size(), visible.toString());
            return visible.get(0);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other run did not start its leaf", e);
        }
    }
}
