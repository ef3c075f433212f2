package io.cascata.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.targets.LocalTarget;
import java.nio.file.Files;
import java.nio.file.Path;
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
