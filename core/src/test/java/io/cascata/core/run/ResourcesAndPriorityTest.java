package io.cascata.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.config.ConfigException;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.targets.LocalTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [resources] limits and a task's resources() and priority(). */
class ResourcesAndPriorityTest {

    static final AtomicInteger SLOTS_HELD = new AtomicInteger();
    static final AtomicInteger MOST_SLOTS_HELD = new AtomicInteger();
    static final AtomicInteger MOST_RUNNING = new AtomicInteger();
    static final AtomicInteger RUNNING = new AtomicInteger();
    static final List<Integer> STARTED = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    Path tmp;

    private static Driver.Builder withResources(Map<String, String> limits) {
        return Driver.builder().config(CascataConfig.of(Map.of("resources", limits), name -> null));
    }

    /** Holds `slots` of the resource for a while, counting what all holders hold together. */
    record ResHeavy(@Param(significant = false) String dir, int n, int slots) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/heavy_" + n + ".txt");
        }

        @Override
        public Map<String, Integer> resources() {
            return Map.of("flink-slots", slots);
        }

        @Override
        public void run() throws Exception {
            MOST_SLOTS_HELD.accumulateAndGet(SLOTS_HELD.addAndGet(slots), Math::max);
            MOST_RUNNING.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
            try {
                Thread.sleep(30);
            } finally {
                RUNNING.decrementAndGet();
                SLOTS_HELD.addAndGet(-slots);
            }
            output().writeText("done");
        }
    }

    record ResAll(@Param(significant = false) String dir, int count, int slots) implements Task {
        @Override
        public List<ResHeavy> requires() {
            List<ResHeavy> all = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                all.add(new ResHeavy(dir, i, i % 3 == 0 ? slots : 1));
            }
            return all;
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/all.txt");
        }

        @Override
        public void run() throws Exception {
            output().writeText("all");
        }
    }

    /** Config keys are read without case, dashes and underscores: the limit is found whichever spelling each side uses. */
    @Test
    void tasksTogetherNeverHoldMoreOfAResourceThanItsLimitUnderEightWorkers() {
        SLOTS_HELD.set(0);
        MOST_SLOTS_HELD.set(0);
        MOST_RUNNING.set(0);

        RunResult result = withResources(Map.of("Flink_Slots", "3")).workers(8).build().run(new ResAll(tmp.toString(), 24, 2));

        assertTrue(result.success(), () -> ExecutionSummary.body(result));
        assertEquals(25, result.ranCount());
        assertEquals(3, MOST_SLOTS_HELD.get(), "never more than the limit, and the limit was used");
        assertTrue(MOST_RUNNING.get() >= 2, "tasks that fit together ran together");
    }

    @Test
    void aTaskAskingMoreThanTheLimitFailsSchedulingNamingTheResource() {
        RunResult result = withResources(Map.of("flink-slots", "3")).workers(2).build().run(new ResAll(tmp.toString(), 4, 5));

        TaskOutcome tooBig = result.outcome(new ResHeavy(tmp.toString(), 0, 5).id()).orElseThrow();
        assertEquals(TaskState.SCHEDULING_FAILED, tooBig.state());
        assertEquals("asks 5 of resource 'flink-slots', more than its limit of 3 ([resources] flink-slots=3)",
                tooBig.error());
        assertEquals(TaskState.COMPLETED, result.outcome(new ResHeavy(tmp.toString(), 1, 1).id()).orElseThrow().state());
        assertEquals(PendingReason.UPSTREAM_SCHEDULING_ERROR,
                result.outcome(new ResAll(tmp.toString(), 4, 5).id()).orElseThrow().reason());
    }

    @Test
    void aResourceTheConfigDoesNotNameHasALimitOfOne() {
        RunResult result = Driver.builder().config(CascataConfig.empty()).workers(2).build()
                .run(new ResAll(tmp.toString(), 2, 2));

        TaskOutcome tooBig = result.outcome(new ResHeavy(tmp.toString(), 0, 2).id()).orElseThrow();
        assertEquals(TaskState.SCHEDULING_FAILED, tooBig.state());
        assertEquals("asks 2 of resource 'flink-slots', more than its limit of 1"
                + " (not set in [resources], where an unset resource counts as 1)", tooBig.error());
    }

    @Test
    void aLimitThatIsNotAWholeNumberIsRefusedBeforeAnythingRuns() {
        ConfigException e = assertThrows(ConfigException.class, () -> withResources(Map.of("slots", "many")).build());
        assertTrue(e.getMessage().startsWith("[resources] slots in "), e.getMessage());
        assertTrue(e.getMessage().endsWith(": 'many' is not a resource limit (a whole number, 0 or more)"), e.getMessage());
    }

    record PrioTask(@Param(significant = false) String dir, int n, int level) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/prio_" + n + ".txt");
        }

        @Override
        public int priority() {
            return level;
        }

        @Override
        public void run() throws Exception {
            STARTED.add(n);
            output().writeText("done");
        }
    }

    record PrioAll(@Param(significant = false) String dir) implements Task {
        @Override
        public List<PrioTask> requires() {
            // n: 0..5 with priorities 0, 5, 0, 10, -1, 5 (a tie between 1 and 5, and between 0 and 2)
            int[] levels = {0, 5, 0, 10, -1, 5};
            List<PrioTask> all = new ArrayList<>();
            for (int n = 0; n < levels.length; n++) {
                all.add(new PrioTask(dir, n, levels[n]));
            }
            return all;
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/prio_all.txt");
        }

        @Override
        public void run() throws Exception {
            output().writeText("all");
        }
    }

    @Test
    void amongReadyTasksTheHighestPriorityStartsFirstOnOneWorker() {
        STARTED.clear();

        RunResult result = Driver.builder().workers(1).build().run(new PrioAll(tmp.toString()));

        assertTrue(result.success(), () -> ExecutionSummary.body(result));
        // Highest first; ties in the order they became ready (the order requires() lists them).
        assertEquals(List.of(3, 1, 5, 0, 2, 4), STARTED);
    }
}
