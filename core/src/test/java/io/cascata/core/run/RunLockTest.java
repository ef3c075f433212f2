package io.cascata.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.targets.LocalTarget;
import io.cascata.core.TaskId;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While one run holds the lock for its roots, another run of the same roots does nothing and exits 10. */
class RunLockTest {

    static volatile CountDownLatch started;
    static volatile CountDownLatch release;

    @TempDir
    Path tmp;

    record LockBlocker(@Param(significant = false) String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/LockBlocker.txt");
        }

        @Override
        public void run() throws Exception {
            started.countDown();
            if (!release.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            output().writeText("done");
        }
    }

    @Test
    void aSecondRunOfTheSameRootsIsRunByAnotherWorker() throws Exception {
        started = new CountDownLatch(1);
        release = new CountDownLatch(1);
        Path locks = tmp.resolve("locks");
        String dir = tmp.toString();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<RunResult> first = CompletableFuture.supplyAsync(
                    () -> Driver.builder().lockDirectory(locks).build().run(new LockBlocker(dir)), pool);
            assertTrue(started.await(20, TimeUnit.SECONDS), "the first run started its task");

            RunResult second = Driver.builder().lockDirectory(locks).build().run(new LockBlocker(dir));

            assertEquals(1, second.outcomes().size());
            assertEquals(TaskState.RUN_BY_OTHER_WORKER, second.outcomes().get(0).state());
            String why = second.outcomes().get(0).error();
            assertTrue(why.contains("pid " + ProcessHandle.current().pid() + " on ") && why.contains(" since 20"), why);
            assertEquals(10, RetCodes.defaults().exitCode(second));
            String summary = ExecutionSummary.render(second);
            assertTrue(summary.contains("were being run by another worker"), summary);
            assertFalse(Files.exists(tmp.resolve("LockBlocker.txt")));

            release.countDown();
            RunResult firstResult = first.get(20, TimeUnit.SECONDS);
            assertTrue(firstResult.success());
            assertEquals(0, RetCodes.defaults().exitCode(firstResult));

            // a lock file left by a killed run, which nobody holds
            Files.writeString(locks.resolve("0123456789abcdef.lock"), "holder vm 1 1 abc\n");
            RunResult third = Driver.builder().lockDirectory(locks).build().run(new LockBlocker(dir));
            assertEquals(TaskState.ALREADY_DONE, third.outcomes().get(0).state(), "the lock was released");
            assertEquals(java.util.List.of(), io.cascata.core.TestFiles.entries(locks), "lock files are removed");
        } finally {
            release.countDown();
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void runsOfOtherRootsAreNotBlocked() throws Exception {
        started = new CountDownLatch(1);
        release = new CountDownLatch(1);
        Path locks = tmp.resolve("locks");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<RunResult> first = CompletableFuture.supplyAsync(
                    () -> Driver.builder().lockDirectory(locks).build().run(new LockBlocker(tmp.toString())), pool);
            assertTrue(started.await(20, TimeUnit.SECONDS));

            RunResult other = Driver.builder().lockDirectory(locks).build().run(new LockOther(tmp.toString()));
            assertEquals(TaskState.COMPLETED, other.outcomes().get(0).state());

            release.countDown();
            assertTrue(first.get(20, TimeUnit.SECONDS).success());
        } finally {
            release.countDown();
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS));
        }
    }

    /** The lock file of these roots (found by taking and giving back the lock), made anew and empty. */
    private static Path emptyLockFileOf(Path locks, List<TaskId> roots) throws java.io.IOException {
        RunLock.Attempt first = RunLock.tryAcquire(locks, roots);
        Path file;
        try (var listed = Files.list(locks)) {
            file = listed.findFirst().orElseThrow();
        }
        first.lock().orElseThrow().close();
        return Files.createFile(file);
    }

    /**
     * Another driver's clean-up of abandoned lock files locks each file for a moment, ours too when
     * we have just created it: a lock held by nobody who named itself is waited for, not taken
     * for a running holder (two drivers started together were refused this way).
     */
    @Test
    void aLockHeldForAMomentByAnotherRunsCleanUpIsWaitedFor() throws Exception {
        Path locks = Files.createDirectories(tmp.resolve("locks"));
        List<TaskId> roots = List.of(TaskId.of(new LockOther(tmp.toString())));
        Path file = emptyLockFileOf(locks, roots);
        // as a cleaner does: lock the empty file just created, then delete it and let go
        FileChannel cleaner = FileChannel.open(file, StandardOpenOption.WRITE);
        FileLock held = cleaner.lock();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> {
                Thread.sleep(300);
                Files.delete(file);
                held.release();
                cleaner.close();
                return null;
            });
            RunLock.Attempt attempt = RunLock.tryAcquire(locks, roots);
            assertTrue(attempt.lock().isPresent(), "refused: " + attempt.holder());
            attempt.lock().get().close();
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS));
            cleaner.close();
        }
        assertEquals(List.of(), io.cascata.core.TestFiles.entries(locks));
    }

    /** A lock whose holder never names itself is refused after a bound, with a message that says so. */
    @Test
    void aLockHeldByAProcessThatNeverNamesItselfIsRefusedInTime() throws Exception {
        Path locks = Files.createDirectories(tmp.resolve("locks"));
        List<TaskId> roots = List.of(TaskId.of(new LockOther(tmp.toString())));
        Path file = emptyLockFileOf(locks, roots);
        try (FileChannel other = FileChannel.open(file, StandardOpenOption.WRITE); FileLock held = other.lock()) {
            long start = System.nanoTime();
            RunLock.Attempt attempt = RunLock.tryAcquire(locks, roots);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertFalse(attempt.lock().isPresent());
            assertTrue(attempt.holder().contains("has not written its name into " + file), attempt.holder());
            assertTrue(millis < 10_000, millis + " ms");
        }
    }

    record LockOther(@Param(significant = false) String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/LockOther.txt");
        }

        @Override
        public void run() throws Exception {
            output().writeText("other");
        }
    }
}
