package io.cascata.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.TestFiles;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.targets.Holder;
import io.cascata.core.targets.LeaseRecord;
import io.cascata.core.targets.LocalTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two drivers on the same task: the second waits for the first's lease and then counts the task
 * as complete, or gives up after the lease wait and says the task was being run by another worker;
 * a lease file a gone driver left does not hold a task up. (Leases between processes, local and
 * on HDFS: LocalLeasesTest, LeaseTest and the examples' ManyDrivers tests.)
 */
class TaskLeaseTest {

    static volatile CountDownLatch started;
    static volatile CountDownLatch release;
    static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    Path tmp;

    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        started = new CountDownLatch(1);
        release = new CountDownLatch(1);
        RUNS.set(0);
        pool = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void tearDown() throws Exception {
        release.countDown();
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS));
    }

    /** A shared task that blocks until released. */
    record Slow(@Param(significant = false) String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/slow.txt");
        }

        @Override
        public void run() throws Exception {
            RUNS.incrementAndGet();
            started.countDown();
            if (!release.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            output().writeText("slow");
        }
    }

    /** A root of its own that needs the shared task. */
    record After(@Param(significant = false) String dir) implements Task {
        @Override
        public Slow requires() {
            return new Slow(dir);
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/after.txt");
        }

        @Override
        public void run() throws Exception {
            output().writeText("after " + requires().output().readText());
        }
    }

    static final java.util.List<String> COMPLETE_CALLS = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A task that decides its completeness itself: the driver must ask it again under the lease. */
    record OwnCompleteness(@Param(significant = false) String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/own.txt");
        }

        @Override
        public boolean complete() {
            COMPLETE_CALLS.add(Thread.currentThread().getName());
            return Task.super.complete();
        }

        @Override
        public void run() throws Exception {
            output().writeText("own");
        }
    }

    @Test
    void aTaskWithItsOwnCompletenessIsAskedAgainOnceItsLeaseIsHeldEvenInADirectoryFoundEmpty() throws Exception {
        Path dir = tmp.resolve("fresh");
        Files.createDirectories(dir);
        java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        COMPLETE_CALLS.clear();
        assertTrue(driver().run(new OwnCompleteness(dir.toString())).success());
        assertTrue(COMPLETE_CALLS.stream().anyMatch(name -> name.startsWith("cascata-worker")),
                "complete() asked on a worker once the lease was held: " + COMPLETE_CALLS);
    }

    private static Driver driver(String... settings) {
        Map<String, String> core = new java.util.HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            core.put(settings[i], settings[i + 1]);
        }
        return Driver.builder().config(CascataConfig.of(Map.of("core", core), k -> null)).build();
    }

    @Test
    void aDriverWaitsForTheTaskAnotherIsRunningAndCountsItComplete() throws Exception {
        String dir = tmp.toString();
        CompletableFuture<RunResult> first = CompletableFuture.supplyAsync(() -> driver().run(new Slow(dir)), pool);
        assertTrue(started.await(20, TimeUnit.SECONDS));
        assertTrue(Files.exists(tmp.resolve(".cascata-leases")), TestFiles.entries(tmp).toString());

        CompletableFuture<RunResult> second = CompletableFuture.supplyAsync(() -> driver().run(new After(dir)));
        Thread.sleep(300);
        assertFalse(second.isDone(), "the second driver waits while the first holds the lease");
        release.countDown();

        assertTrue(first.get(20, TimeUnit.SECONDS).success());
        RunResult result = second.get(20, TimeUnit.SECONDS);
        assertTrue(result.success(), ExecutionSummary.render(result));
        assertEquals(TaskState.ALREADY_DONE, state(result, "Slow"), "completed by the other driver, not run");
        assertEquals(TaskState.COMPLETED, state(result, "After"));
        assertEquals(1, RUNS.get());
        assertEquals("after slow", Files.readString(tmp.resolve("after.txt")));
        assertEquals(List.of("after.txt", "slow.txt"), TestFiles.entries(tmp), "no lease left");
    }

    @Test
    void whenTheWaitRunsOutTheTaskWasBeingRunByAnotherWorker() throws Exception {
        String dir = tmp.toString();
        CompletableFuture<RunResult> first = CompletableFuture.supplyAsync(() -> driver().run(new Slow(dir)), pool);
        assertTrue(started.await(20, TimeUnit.SECONDS));

        RunResult result = driver("lease-wait", "300ms").run(new After(dir));

        assertEquals(TaskState.RUN_BY_OTHER_WORKER, state(result, "Slow"));
        assertEquals(TaskState.PENDING, state(result, "After"));
        assertEquals(10, RetCodes.defaults().exitCode(result));
        String summary = ExecutionSummary.render(result);
        assertTrue(summary.contains("were being run by another worker"), summary);
        assertTrue(summary.contains("had dependencies that were being run by other worker"), summary);
        String why = result.outcomes().stream().filter(o -> o.id().family().equals("Slow")).findFirst().orElseThrow()
                .error();
        assertTrue(why.contains("being run by another run in this process (lease in " + tmp.resolve(".cascata-leases")), why);
        release.countDown();
        assertTrue(first.get(20, TimeUnit.SECONDS).success());
        assertEquals(1, RUNS.get());
    }

    @Test
    void aLeaseFileLeftByAGoneDriverDoesNotHoldTheTaskUpAndIsRemoved() throws Exception {
        release.countDown();
        String dir = tmp.toString();
        Holder gone = new Holder(Holder.current().host(), Integer.MAX_VALUE - 1, 1, "abc");
        LeaseRecord abandoned = new LeaseRecord(gone, "x-1-y", 60_000, System.currentTimeMillis(), "Slow()");
        Files.write(tmp.resolve(".slow.txt.cascata-lease"), abandoned.bytes());

        RunResult result = driver().run(new Slow(dir));

        assertTrue(result.success(), ExecutionSummary.render(result));
        assertEquals(TaskState.COMPLETED, state(result, "Slow"));
        assertEquals(List.of("slow.txt"), TestFiles.entries(tmp), "the left lease file and this run's lease file are gone");
    }

    @Test
    void aBadLeaseSettingIsAConfigError() {
        io.cascata.core.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.cascata.core.config.ConfigException.class, () -> driver("lease-ttl", "0s"));
        assertTrue(e.getMessage().contains("lease-ttl"), e.getMessage());
    }

    private static TaskState state(RunResult result, String family) {
        return result.outcomes().stream().filter(o -> o.id().family().equals(family)).findFirst().orElseThrow().state();
    }
}
