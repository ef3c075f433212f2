package io.cascata.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Shapes;
import io.cascata.core.Task;
import io.cascata.core.TaskId;
import io.cascata.core.targets.LocalTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task runs only after everything it requires completed; a failed branch does not stop the others. */
class DependencyOrderTest {

    /** "start:<id>" and "end:<id>" per run, keyed by the run's tag. */
    static final Map<String, List<String>> LOGS = new ConcurrentHashMap<>();

    @TempDir
    Path tmp;

    @AfterEach
    void clearLogs() {
        LOGS.clear();
    }

    /** Logs its start and end, sleeping a few random milliseconds in between. */
    interface DepLogged extends Task {
        String dir();

        String tag();

        @Override
        default LocalTarget output() {
            return LocalTarget.of(dir() + "/" + id().value() + ".txt");
        }

        @Override
        default void run() throws Exception {
            List<String> log = LOGS.computeIfAbsent(tag(), t -> Collections.synchronizedList(new ArrayList<>()));
            log.add("start:" + id().display());
            Thread.sleep(ThreadLocalRandom.current().nextInt(0, 4));
            output().writeText(id().display());
            log.add("end:" + id().display());
        }
    }

    record DepBase(@Param(significant = false) String dir, @Param(significant = false) String tag, int i)
            implements DepLogged {
    }

    record DepMid(@Param(significant = false) String dir, @Param(significant = false) String tag, int i)
            implements DepLogged {
        @Override
        public List<DepBase> requires() {
            return List.of(new DepBase(dir, tag, i % 3), new DepBase(dir, tag, (i + 1) % 3));
        }
    }

    record DepTop(@Param(significant = false) String dir, @Param(significant = false) String tag) implements DepLogged {
        @Override
        public List<Task> requires() {
            List<Task> out = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                out.add(new DepMid(dir, tag, i));
            }
            out.add(new DepBase(dir, tag, 0));
            return out;
        }
    }

    record DepFail(@Param(significant = false) String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/DepFail.txt");
        }

        @Override
        public void run() {
            throw new IllegalStateException("this branch fails");
        }
    }

    record DepAfterFail(@Param(significant = false) String dir) implements Task {
        @Override
        public DepFail requires() {
            return new DepFail(dir);
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/DepAfterFail.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("never");
        }
    }

    record DepOkBase(@Param(significant = false) String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/DepOkBase.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("ok base");
        }
    }

    record DepOkTop(@Param(significant = false) String dir) implements Task {
        @Override
        public DepOkBase requires() {
            return new DepOkBase(dir);
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/DepOkTop.txt");
        }

        @Override
        public void run() throws IOException {
            LocalTarget in = input();
            output().writeText(in.readText() + " + ok top");
        }
    }

    /** Lists the failing branch first, so that with one worker it runs first. */
    record DepRoot(@Param(significant = false) String dir) implements Task {
        @Override
        public List<Task> requires() {
            return List.of(new DepAfterFail(dir), new DepOkTop(dir));
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/DepRoot.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("never");
        }
    }

    private void assertRequirementsEndedBeforeStart(Task task, List<String> log) {
        int start = log.indexOf("start:" + task.id().display());
        assertTrue(start >= 0, "ran: " + task.id().display());
        for (Task r : Shapes.tasks(task.requires())) {
            int end = log.indexOf("end:" + r.id().display());
            assertTrue(end >= 0 && end < start, r.id().display() + " must end before " + task.id().display()
                    + " starts; log " + log);
            assertRequirementsEndedBeforeStart(r, log);
        }
    }

    @Test
    void aTaskNeverStartsBeforeItsRequirementsEnded() {
        for (int round = 0; round < 5; round++) {
            String tag = "round" + round;
            Path dir = tmp.resolve(tag);
            DepTop top = new DepTop(dir.toString(), tag);
            RunResult result = Driver.builder().workers(4).checkThreads(4).build().run(top);

            assertTrue(result.success(), tag);
            assertEquals(12, result.ranCount(), "3 bases, 8 mids, 1 top");
            List<String> log = new ArrayList<>(LOGS.get(tag));
            assertEquals(24, log.size(), "every task ran exactly once: " + log);
            assertRequirementsEndedBeforeStart(top, log);
        }
    }

    @Test
    void aFailedBranchDoesNotStopAnIndependentOne() {
        String dir = tmp.toString();
        RunResult result = Driver.builder().workers(1).build().run(new DepRoot(dir));

        assertEquals(TaskState.FAILED, state(result, new DepFail(dir)));
        assertEquals(TaskState.PENDING, state(result, new DepAfterFail(dir)));
        assertEquals(TaskState.COMPLETED, state(result, new DepOkBase(dir)));
        assertEquals(TaskState.COMPLETED, state(result, new DepOkTop(dir)));
        assertEquals(TaskState.PENDING, state(result, new DepRoot(dir)));
        assertEquals(PendingReason.UPSTREAM_FAILURE, result.outcome(new DepRoot(dir).id()).get().reason());
        assertEquals(PendingReason.UPSTREAM_FAILURE, result.outcome(new DepAfterFail(dir).id()).get().reason());
        assertTrue(Files.exists(tmp.resolve("DepOkTop.txt")));
        assertFalse(Files.exists(tmp.resolve("DepRoot.txt")));
        assertFalse(Files.exists(tmp.resolve("DepAfterFail.txt")));
        assertEquals(30, RetCodes.defaults().exitCode(result));
    }

    @Test
    void aSecondRunPicksUpWhereTheFirstStopped() throws IOException {
        String dir = tmp.toString();
        Driver.builder().build().run(new DepRoot(dir));
        Files.writeString(tmp.resolve("DepFail.txt"), "made by hand");

        RunResult second = Driver.builder().build().run(new DepRoot(dir));
        assertEquals(TaskState.COMPLETED, state(second, new DepRoot(dir)));
        assertEquals(TaskState.COMPLETED, state(second, new DepAfterFail(dir)));
        assertEquals(TaskState.ALREADY_DONE, state(second, new DepFail(dir)));
        assertEquals(TaskState.ALREADY_DONE, state(second, new DepOkTop(dir)));
        assertFalse(second.outcome(new DepOkBase(dir).id()).isPresent(),
                "a complete task's requirements are not looked at");
    }

    private static TaskState state(RunResult result, Task task) {
        TaskId id = task.id();
        return result.outcome(id).orElseThrow(() -> new AssertionError("no outcome for " + id)).state();
    }
}
