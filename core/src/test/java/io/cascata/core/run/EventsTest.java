package io.cascata.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every event kind reaches run listeners and class-level handlers, with its details. */
class EventsTest {

    @TempDir
    Path tmp;

    record EvDone(@Param(significant = false) String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/EvDone.txt");
        }
    }

    record EvWork(@Param(significant = false) String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/EvWork.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("work");
        }
    }

    record EvFails(@Param(significant = false) String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/EvFails.txt");
        }

        @Override
        public void run() {
            throw new IllegalStateException("EvFails failed");
        }
    }

    record EvBroken(@Param(significant = false) String dir) implements Task {
        @Override
        public Object requires() {
            throw new IllegalArgumentException("EvBroken requires() threw");
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/EvBroken.txt");
        }
    }

    record EvRoot(@Param(significant = false) String dir) implements Task {
        @Override
        public List<Task> requires() {
            return List.of(new EvDone(dir), new EvWork(dir), new EvFails(dir), new EvBroken(dir));
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/EvRoot.txt");
        }
    }

    private String dir() {
        return tmp.toString();
    }

    private static List<TaskEvent> of(List<TaskEvent> events, Event type, Class<?> taskType) {
        return events.stream().filter(e -> e.type() == type && taskType.isInstance(e.task())).toList();
    }

    private RunResult runScenario(TaskListener listener) throws IOException {
        return runWith(b -> {
            if (listener != null) {
                b.listener(listener);
            }
        });
    }

    private RunResult runWith(java.util.function.Consumer<Driver.Builder> setUp) throws IOException {
        new EvDone(dir()).output().writeText("already there");
        Driver.Builder b = Driver.builder();
        setUp.accept(b);
        return b.build().run(new EvRoot(dir()));
    }

    @Test
    void aRunListenerReceivesEveryKindOfEvent() throws IOException {
        List<TaskEvent> events = Collections.synchronizedList(new ArrayList<>());
        RunResult result = runScenario(events::add);
        List<TaskEvent> all = new ArrayList<>(events);

        assertEquals(TaskState.PENDING, result.outcome(new EvRoot(dir()).id()).get().state());

        assertEquals(1, of(all, Event.DEPENDENCY_PRESENT, EvDone.class).size());
        assertEquals(1, of(all, Event.DEPENDENCY_MISSING, EvRoot.class).size());
        assertEquals(1, of(all, Event.DEPENDENCY_MISSING, EvWork.class).size());
        assertEquals(1, of(all, Event.DEPENDENCY_MISSING, EvFails.class).size());
        assertTrue(of(all, Event.DEPENDENCY_MISSING, EvDone.class).isEmpty());

        List<TaskEvent> discovered = of(all, Event.DEPENDENCY_DISCOVERED, EvRoot.class);
        assertEquals(List.of("EvBroken", "EvDone", "EvFails", "EvWork"),
                discovered.stream().map(e -> e.dependency().family()).sorted().toList());

        List<TaskEvent> broken = of(all, Event.BROKEN_TASK, EvBroken.class);
        assertEquals(1, broken.size());
        assertNotNull(broken.get(0).error());
        assertEquals("EvBroken requires() threw", broken.get(0).error().getMessage());

        assertEquals(1, of(all, Event.START, EvWork.class).size());
        assertEquals(1, of(all, Event.SUCCESS, EvWork.class).size());
        List<TaskEvent> time = of(all, Event.PROCESSING_TIME, EvWork.class);
        assertEquals(1, time.size());
        assertNotNull(time.get(0).processingTime());
        assertFalse(time.get(0).processingTime().isNegative());

        assertEquals(1, of(all, Event.START, EvFails.class).size());
        List<TaskEvent> failure = of(all, Event.FAILURE, EvFails.class);
        assertEquals(1, failure.size());
        assertEquals("EvFails failed", failure.get(0).error().getMessage());
        assertTrue(of(all, Event.SUCCESS, EvFails.class).isEmpty());
        assertTrue(of(all, Event.PROCESSING_TIME, EvFails.class).isEmpty());

        assertTrue(of(all, Event.START, EvRoot.class).isEmpty(), "the pending root never started");
        assertTrue(of(all, Event.START, EvDone.class).isEmpty(), "the complete task never started");

        // START comes before SUCCESS and PROCESSING_TIME for the same task.
        int start = all.indexOf(of(all, Event.START, EvWork.class).get(0));
        int success = all.indexOf(of(all, Event.SUCCESS, EvWork.class).get(0));
        assertTrue(start < success);

        for (TaskEvent e : all) {
            if (e.type() != Event.DEPENDENCY_DISCOVERED) {
                assertNull(e.dependency(), e.toString());
            }
        }
    }

    @Test
    void classLevelHandlersReceiveTheEventsOfTheirTaskType() throws IOException {
        List<TaskEvent> success = Collections.synchronizedList(new ArrayList<>());
        List<TaskEvent> failure = Collections.synchronizedList(new ArrayList<>());
        List<TaskEvent> broken = Collections.synchronizedList(new ArrayList<>());
        List<TaskEvent> workFailures = Collections.synchronizedList(new ArrayList<>());
        List<TaskEvent> anyStart = Collections.synchronizedList(new ArrayList<>());
        List<TaskEvent> present = Collections.synchronizedList(new ArrayList<>());
        List<TaskEvent> missing = Collections.synchronizedList(new ArrayList<>());
        List<TaskEvent> discovered = Collections.synchronizedList(new ArrayList<>());
        List<TaskEvent> time = Collections.synchronizedList(new ArrayList<>());

        RunResult result = runWith(b -> b
                .eventHandler(EvWork.class, Event.SUCCESS, success::add)
                .eventHandler(EvWork.class, Event.PROCESSING_TIME, time::add)
                .eventHandler(EvWork.class, Event.FAILURE, workFailures::add)
                .eventHandler(EvFails.class, Event.FAILURE, failure::add)
                .eventHandler(EvBroken.class, Event.BROKEN_TASK, broken::add)
                .eventHandler(EvDone.class, Event.DEPENDENCY_PRESENT, present::add)
                .eventHandler(EvRoot.class, Event.DEPENDENCY_MISSING, missing::add)
                .eventHandler(EvRoot.class, Event.DEPENDENCY_DISCOVERED, discovered::add)
                .eventHandler(Task.class, Event.START, anyStart::add)
                .eventHandler(EvWork.class, Event.SUCCESS, e -> {
                    throw new IllegalStateException("a handler that throws does not affect the run");
                }));

        assertEquals(TaskState.COMPLETED, result.outcome(new EvWork(dir()).id()).get().state());
        assertEquals(1, success.size());
        assertTrue(success.get(0).task() instanceof EvWork);
        assertEquals(1, time.size());
        assertNotNull(time.get(0).processingTime());
        assertEquals(List.of(), workFailures, "EvWork did not fail");
        assertEquals(1, failure.size());
        assertTrue(failure.get(0).task() instanceof EvFails);
        assertEquals(1, broken.size());
        assertTrue(broken.get(0).error() instanceof IllegalArgumentException);
        assertEquals(1, present.size());
        assertEquals(1, missing.size());
        assertEquals(4, discovered.size());
        assertEquals(List.of("EvFails", "EvWork"),
                anyStart.stream().map(e -> e.task().family()).sorted().toList(), "Task.class matches every task");
    }

    @Test
    void handlersRegisteredOnAnotherDriverHearNothing() throws IOException {
        List<TaskEvent> heard = Collections.synchronizedList(new ArrayList<>());
        Driver.builder().eventHandler(Task.class, Event.START, heard::add).build();
        runScenario(null);
        assertEquals(List.of(), heard);
    }

    /** Says, in files beside its output, which of its handler methods ran: the task's own and its interface's. */
    interface Noted extends Task {
        String dir();

        @EventHandler(Event.FAILURE)
        static void noteFailure(TaskEvent event) throws IOException {
            java.nio.file.Files.writeString(Path.of(((Noted) event.task()).dir(), "failure-noted"), event.error().getMessage());
        }
    }

    record EvNoted(@Param("where") String dir, @Param("whether run() throws") boolean fail) implements Noted {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/EvNoted.txt");
        }

        @Override
        public void run() throws IOException {
            if (fail) {
                throw new IllegalStateException("told to fail");
            }
            output().writeText("noted");
        }

        @EventHandler({Event.START, Event.SUCCESS})
        void note(TaskEvent event) throws IOException {
            java.nio.file.Files.writeString(Path.of(dir, event.type().name().toLowerCase(java.util.Locale.ROOT) + "-noted"),
                    event.task().id().display());
        }

        @EventHandler(Event.PROCESSING_TIME)
        static void noteTime(TaskEvent event) throws IOException {
            java.nio.file.Files.writeString(Path.of(((EvNoted) event.task()).dir(), "time-noted"),
                    event.processingTime().toString());
        }
    }

    @Test
    void handlerMethodsOfTheTaskClassAndItsInterfacesRunInEveryDriver() throws IOException {
        Path ok = java.nio.file.Files.createDirectories(tmp.resolve("ok"));
        Path failing = java.nio.file.Files.createDirectories(tmp.resolve("failing"));
        RunResult result = Driver.builder().build().run(new EvNoted(ok.toString(), false), new EvNoted(failing.toString(), true));
        assertEquals(TaskState.COMPLETED, result.outcome(new EvNoted(ok.toString(), false).id()).get().state());

        assertEquals(List.of("EvNoted.txt", "start-noted", "success-noted", "time-noted"),
                io.cascata.core.TestFiles.visibleEntries(ok), "the instance handler ran on START and SUCCESS, the static one on PROCESSING_TIME");
        assertEquals(List.of("failure-noted", "start-noted"), io.cascata.core.TestFiles.visibleEntries(failing),
                "the interface's handler ran on FAILURE");
        assertEquals("told to fail", java.nio.file.Files.readString(failing.resolve("failure-noted")));
    }
}
