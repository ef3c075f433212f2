package io.cascata.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With workers(2), two independent tasks run at the same time. */
class WorkersTest {

    /** Both tasks count down, then wait for the other: they only get past it if they overlap. */
    static volatile CountDownLatch bothRunning;
    static final Map<Integer, Boolean> SAW_OTHER = new ConcurrentHashMap<>();

    @TempDir
    Path tmp;

    record WrkSleeper(@Param(significant = false) String dir, int n) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/WrkSleeper_" + n + ".txt");
        }

        @Override
        public void run() throws Exception {
            bothRunning.countDown();
            boolean overlapped = bothRunning.await(10, TimeUnit.SECONDS);
            SAW_OTHER.put(n, overlapped);
            if (!overlapped) {
                throw new IllegalStateException("WrkSleeper " + n + " ran alone");
            }
            output().writeText("slept");
        }
    }

    record WrkPair(@Param(significant = false) String dir) implements Task {
        @Override
        public List<WrkSleeper> requires() {
            return List.of(new WrkSleeper(dir, 1), new WrkSleeper(dir, 2));
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/WrkPair.txt");
        }

        @Override
        public void run() throws Exception {
            output().writeText("pair");
        }
    }

    @Test
    void twoWorkersRunTwoTasksAtOnce() {
        bothRunning = new CountDownLatch(2);
        SAW_OTHER.clear();

        RunResult result = Driver.builder().workers(2).build().run(new WrkPair(tmp.toString()));

        assertEquals(Map.of(1, true, 2, true), SAW_OTHER, "each sleeper saw the other one running");
        assertTrue(result.success());
        assertEquals(3, result.ranCount());
    }
}
