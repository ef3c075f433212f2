package io.cascata.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Task;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskState;
import io.cascata.core.targets.Completeness;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.StagedDirectory;
import io.cascata.core.targets.Storage;
import io.cascata.core.targets.StorageEntry;
import io.cascata.core.targets.Targets;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the one directory commit promises, run against each file system it works on: all or
 * nothing, stale leftovers replaced, racing committers that never nest, mix or remove a
 * complete output, uncommitted attempts never read, and damage detected. Each file system's
 * test supplies a storage and a fresh directory to work in.
 */
abstract class DirectoryCommitContract {

    private static final AtomicInteger NEXT = new AtomicInteger();

    /** The storage under test. */
    abstract Storage storage();

    /** A location (not yet existing) for a directory output, unique per call. */
    abstract String freshLocation(String name);

    final DirectoryTarget target(String location) {
        return DirectoryTarget.of(storage(), location);
    }

    static void writeFiles(StagedDirectory staged, String tag, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            try (OutputStream out = staged.create("part-" + i)) {
                out.write((tag + " " + i + "\n").repeat(10 + i).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** The text of the directory's files, read as a reader would. */
    static List<String> contents(DirectoryTarget target) throws IOException {
        List<String> out = new ArrayList<>();
        for (FileTarget file : target.files()) {
            out.add(file.readText());
        }
        return out;
    }

    /** Visible entries (not hidden) directly under a location. */
    List<String> visible(String location) throws IOException {
        List<String> names = new ArrayList<>();
        for (StorageEntry e : storage().list(location)) {
            if (!e.name().startsWith(".")) {
                names.add(e.name());
            }
        }
        Collections.sort(names);
        return names;
    }

    /** A task that writes three files of a directory output and then throws. */
    record ThrowsMidway(String location) implements Task {
        @Override
        public DirectoryTarget output() {
            return Targets.directory(location);
        }

        @Override
        public void run() throws Exception {
            try (StagedDirectory staged = output().openDirectory()) {
                writeFiles(staged, "doomed", 3);
                throw new IllegalStateException("the writer fails in the middle");
            }
        }
    }

    @Test
    void aWriterThatThrowsInTheMiddleLeavesNothing() throws Exception {
        String location = freshLocation("midway");
        DirectoryTarget target = target(location);
        RunResult result = Driver.builder().build().run(new ThrowsMidway(location));
        assertEquals(TaskState.FAILED, result.outcomes().get(0).state());
        assertFalse(target.exists());
        assertFalse(storage().stat(storage().child(location, DirectoryTarget.SUCCESS)).isPresent(), "no marker");
        String parent = storage().parent(location).orElseThrow();
        assertFalse(visible(parent).contains(storage().name(location)) && !visible(location).isEmpty(),
                "nothing visible at the output: " + visible(location));
    }

    @Test
    void aStaleDirectoryWithoutMarkerIsReplaced() throws Exception {
        String location = freshLocation("stale");
        for (String name : List.of("part-0", "part-7")) {
            try (OutputStream out = storage().create(storage().child(location, name))) {
                out.write("stale leftover\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        DirectoryTarget target = target(location);
        assertFalse(target.exists(), "files without a marker are not an output");

        try (StagedDirectory staged = target.openDirectory()) {
            writeFiles(staged, "fresh", 2);
        }
        assertTrue(target.exists());
        List<String> contents = contents(target);
        assertEquals(2, contents.size());
        assertTrue(contents.stream().allMatch(c -> c.startsWith("fresh")), contents.toString());
    }

    @Test
    void aCompleteDirectoryWithAListedFileDeletedOrCutShortIsIncomplete() throws Exception {
        String location = freshLocation("damaged");
        DirectoryTarget target = target(location);
        try (StagedDirectory staged = target.openDirectory()) {
            writeFiles(staged, "whole", 3);
        }
        assertTrue(target.exists());
        List<String> files = target.fileLocations();
        assertEquals(3, files.size());

        try (OutputStream out = storage().create(files.get(2))) {
            out.write("short".getBytes(StandardCharsets.UTF_8));
        }
        Completeness shortened = target.completeness();
        assertFalse(shortened.complete());
        assertTrue(shortened.reason().contains("part-2") && shortened.reason().contains("bytes"), shortened.reason());

        storage().delete(files.get(1));
        Completeness missing = target.completeness();
        assertFalse(missing.complete());
        assertTrue(missing.reason().contains("part-1") && missing.reason().contains("missing"), missing.reason());
        assertFalse(target.exists());

        // and the next writer replaces the damaged output
        try (StagedDirectory staged = target.openDirectory()) {
            writeFiles(staged, "repaired", 2);
        }
        assertTrue(target.exists());
        assertTrue(contents(target).stream().allMatch(c -> c.startsWith("repaired")));
    }

    @Test
    void aReaderNeverSeesTheFilesOfAnUncommittedAttempt() throws Exception {
        String location = freshLocation("uncommitted");
        DirectoryTarget target = target(location);
        StagedDirectory first = target.openDirectory();
        writeFiles(first, "pending", 2);
        assertFalse(target.exists(), "not complete before the commit");

        try (StagedDirectory committed = target.openDirectory()) {
            writeFiles(committed, "committed", 3);
        }
        StagedDirectory later = target(location).openDirectory();
        writeFiles(later, "later", 5);
        List<String> contents = contents(target);
        assertEquals(3, contents.size(), "only the committed attempt's files: " + contents);
        assertTrue(contents.stream().allMatch(c -> c.startsWith("committed")), contents.toString());
        first.abort();
        later.abort();
    }

    @Test
    @Timeout(120)
    void racingCommittersNeverNestMixOrRemoveACompleteOutput() throws Exception {
        int committers = 4;
        for (int round = 0; round < 5; round++) {
            String location = freshLocation("race" + round);
            DirectoryTarget target = target(location);
            CyclicBarrier start = new CyclicBarrier(committers);
            AtomicBoolean done = new AtomicBoolean();
            AtomicBoolean seenComplete = new AtomicBoolean();
            List<String> problems = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch readerStarted = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                readerStarted.countDown();
                while (!done.get()) {
                    try {
                        Completeness c = target(location).completeness();
                        if (c.complete()) {
                            seenComplete.set(true);
                            if (c.files().size() != 3) {
                                problems.add("complete with " + c.files().size() + " files");
                            }
                        } else if (seenComplete.get()) {
                            problems.add("complete output became incomplete: " + c.reason());
                        }
                    } catch (IOException | RuntimeException e) {
                        if (seenComplete.get()) {
                            problems.add("reading a complete output failed: " + e);
                        }
                    }
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            reader.start();
            readerStarted.await();
            ExecutorService pool = Executors.newFixedThreadPool(committers);
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < committers; c++) {
                String tag = "writer" + c;
                futures.add(pool.submit(() -> {
                    StagedDirectory staged = target.openDirectory();
                    writeFiles(staged, tag, 3);
                    start.await();
                    staged.close();
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            Thread.sleep(20);
            done.set(true);
            reader.join();
            assertEquals(List.of(), problems, "round " + round);
            List<String> contents = contents(target);
            assertEquals(3, contents.size());
            String winner = contents.get(0).substring(0, contents.get(0).indexOf(' '));
            assertTrue(contents.stream().allMatch(c -> c.startsWith(winner + " ")), "one writer's files only: " + contents);
            assertNoNestedAttempt(location);
        }
    }

    /** On file systems with directories, nothing but the marker and the parts. */
    void assertNoNestedAttempt(String location) throws IOException {
        for (StorageEntry e : storage().list(location)) {
            assertFalse(e.directory() && e.name().startsWith("."), "a nested attempt in " + location + ": " + e.name());
        }
    }

    static String unique(String name) {
        return name + "-" + NEXT.incrementAndGet();
    }
}
