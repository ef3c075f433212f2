package io.cascata.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** complete() is called at most once per task per run, however many paths lead to the task. */
class CompletenessCheckTest {

    /** complete() calls, by run tag and task display. */
    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    @TempDir
    Path tmp;

    @AfterEach
    void clear() {
        CALLS.clear();
    }

    /** Counts its complete() calls; complete when its marker file exists. */
    interface CountedTask extends Task {
        String dir();

        String tag();

        @Override
        default boolean complete() {
            CALLS.computeIfAbsent(tag() + "|" + id().display(), k -> new AtomicInteger()).incrementAndGet();
            return Files.exists(marker());
        }

        default Path marker() {
            return Path.of(dir(), id().value() + ".done");
        }

        @Override
        default void run() throws IOException {
            Files.writeString(marker(), "done");
        }
    }

    record CntBase(@Param(significant = false) String dir, @Param(significant = false) String tag)
            implements CountedTask {
    }

    record CntShared(@Param(significant = false) String dir, @Param(significant = false) String tag, int k)
            implements CountedTask {
        @Override
        public CntBase requires() {
            return new CntBase(dir, tag);
        }
    }

    record CntMid(@Param(significant = false) String dir, @Param(significant = false) String tag, int i)
            implements CountedTask {
        @Override
        public List<Task> requires() {
            return List.of(new CntShared(dir, tag, i % 3), new CntBase(dir, tag), new CntShared(dir, tag, (i + 1) % 3));
        }
    }

    record CntTop(@Param(significant = false) String dir, @Param(significant = false) String tag)
            implements CountedTask {
        @Override
        public List<Task> requires() {
            List<Task> out = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                out.add(new CntMid(dir, tag, i));
            }
            out.add(new CntBase(dir, tag));
            out.add(new CntShared(dir, tag, 0));
            return out;
        }
    }

    private Map<String, Integer> calls(String tag) {
        Map<String, Integer> out = new TreeMap<>();
        CALLS.forEach((k, v) -> {
            if (k.startsWith(tag + "|")) {
                out.put(k.substring(tag.length() + 1), v.get());
            }
        });
        return out;
    }

    @Test
    void eachTaskIsCheckedExactlyOnceInADiamondWithManyCheckThreads() {
        for (int round = 0; round < 5; round++) {
            String tag = "r" + round;
            Path dir = tmp.resolve(tag);
            dir.toFile().mkdirs();
            RunResult result = Driver.builder().checkThreads(8).workers(3).build().run(new CntTop(dir.toString(), tag));

            assertTrue(result.success());
            assertEquals(35, result.outcomes().size(), "1 top, 30 mids, 3 shared, 1 base");
            assertEquals(35, result.ranCount());
            Map<String, Integer> calls = calls(tag);
            assertEquals(35, calls.size(), "every task was checked: " + calls);
            calls.forEach((task, n) -> assertEquals(1, n, task + " complete() calls in one run: " + calls));
        }
    }

    @Test
    void aCompleteRootIsCheckedOnceAndItsRequirementsNotAtAll() {
        Path dir = tmp.resolve("again");
        dir.toFile().mkdirs();
        Driver.builder().checkThreads(8).build().run(new CntTop(dir.toString(), "first"));

        RunResult second = Driver.builder().checkThreads(8).build().run(new CntTop(dir.toString(), "second"));
        assertEquals(1, second.outcomes().size());
        assertEquals(TaskState.ALREADY_DONE, second.outcomes().get(0).state());
        assertEquals(Map.of("CntTop()", 1), calls("second"));
    }
}
