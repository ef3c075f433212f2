package io.cascata.core.run;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/** Tasks for the timeout and cancellation tests: slow ones, with and without regard for interruption. */
final class StopTasks {

    /** Counted down when a named task's run() starts, and when it returns or throws. */
    static final Map<String, CountDownLatch> STARTED = new ConcurrentHashMap<>();
    static final Map<String, CountDownLatch> ENDED = new ConcurrentHashMap<>();

    private StopTasks() {
    }

    static CountDownLatch started(String name) {
        return STARTED.computeIfAbsent(name, k -> new CountDownLatch(1));
    }

    static CountDownLatch ended(String name) {
        return ENDED.computeIfAbsent(name, k -> new CountDownLatch(1));
    }

    /** Every file in the directory, hidden ones included. */
    static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Writes the start of its output, sleeps (interruptibly) for {@code work} in its first
     * {@code slowAttempts} attempts, then finishes it. Its own timeout is {@code ownTimeout} when positive.
     */
    record StpSleep(@Param(significant = false) String dir, String name, Duration work, Duration ownTimeout,
            int slowAttempts) implements Task {
        StpSleep(String dir, String name, Duration work) {
            this(dir, name, work, Duration.ZERO, Integer.MAX_VALUE);
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/" + name + ".txt");
        }

        @Override
        public Optional<Duration> timeout() {
            return ownTimeout.isZero() ? Optional.empty() : Optional.of(ownTimeout);
        }

        @Override
        public void run() throws Exception {
            started(name).countDown();
            try (BufferedWriter out = output().openWriter()) {
                out.write("started\n");
                out.flush();
                if (ATTEMPTS.merge(name, 1, Integer::sum) <= slowAttempts) {
                    Thread.sleep(work.toMillis());
                }
                out.write("finished\n");
            } finally {
                ended(name).countDown();
            }
        }
    }

    /** Attempts per task name. */
    static final Map<String, Integer> ATTEMPTS = new ConcurrentHashMap<>();

    /** Works for {@code work} whatever happens: it swallows every interrupt. Then writes its output. */
    record StpStubborn(@Param(significant = false) String dir, String name, Duration work) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/" + name + ".txt");
        }

        @Override
        public void run() throws Exception {
            started(name).countDown();
            try {
                long end = System.nanoTime() + work.toNanos();
                while (System.nanoTime() < end) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException ignored) {
                        // this task does not care
                    }
                }
                output().writeText("stubborn");
            } finally {
                ended(name).countDown();
            }
        }
    }

    /** Requires the given tasks, writes its output. */
    record StpAfter(@Param(significant = false) String dir, String name, List<String> after) implements Task {
        @Override
        public List<Task> requires() {
            return after.stream().<Task>map(n -> new StpSleep(dir, n, Duration.ofMillis(n.startsWith("quick") ? 0 : 60_000)))
                    .toList();
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/" + name + ".txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("after");
        }
    }
}
