package io.cascata.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskState;
import io.cascata.core.targets.Format;
import io.cascata.core.targets.LocalDirectoryTarget;
import io.cascata.core.targets.LocalTarget;
import io.cascata.core.targets.TempNames;
import io.cascata.core.targets.StagedDirectory;
import io.cascata.core.targets.FileTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs appear whole or not at all: files, gzip, objects and directories. (Kept in this package,
 * not in ...core.target, because the repository's .gitignore pattern {@code target/} ignores any
 * directory named target, including the source packages of that name.)
 */
class AtomicWriteTest {

    @TempDir
    Path tmp;

    // ---- tasks -------------------------------------------------------------------------------

    /** Throws inside the writer's try-with-resources block, after writing. */
    record AtomThrowInWriter(String path) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(path);
        }

        @Override
        public void run() throws Exception {
            try (Writer w = output().openWriter()) {
                w.write("partial data that must never be seen\n");
                throw new IllegalStateException("boom inside the with block");
            }
        }
    }

    /** Writes output a completely (closing it) and then throws before writing b. */
    record AtomTwoOutputs(String dir) implements Task {
        @Override
        public Map<String, LocalTarget> output() {
            Map<String, LocalTarget> m = new LinkedHashMap<>();
            m.put("a", LocalTarget.of(dir + "/a.txt"));
            m.put("b", LocalTarget.of(dir + "/b.txt"));
            return m;
        }

        @Override
        public void run() throws Exception {
            try (Writer w = output().get("a").openWriter()) {
                w.write("a is complete");
            }
            throw new IllegalStateException("failed between a and b");
        }
    }

    /** Writes output a completely and returns without writing b. */
    record AtomForgetsOne(String dir) implements Task {
        @Override
        public Map<String, LocalTarget> output() {
            Map<String, LocalTarget> m = new LinkedHashMap<>();
            m.put("a", LocalTarget.of(dir + "/a.txt"));
            m.put("b", LocalTarget.of(dir + "/b.txt"));
            return m;
        }

        @Override
        public void run() throws Exception {
            output().get("a").writeText("a only");
        }
    }

    record AtomPlain(String path) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(path);
        }

        @Override
        public void run() throws Exception {
            try (Writer w = output().openWriter()) {
                w.write("done");
            }
        }
    }

    /** Writes a.txt on its own thread, b.txt on a pool thread, c.txt in a parallel stream, then throws. */
    record AtomCrossThread(String dir) implements Task {
        @Override
        public List<LocalTarget> output() {
            return List.of(LocalTarget.of(dir + "/a.txt"), LocalTarget.of(dir + "/b.txt"), LocalTarget.of(dir + "/c.txt"));
        }

        @Override
        public void run() throws Exception {
            output().get(0).writeText("a");
            java.util.concurrent.CompletableFuture.runAsync(() -> output().get(1).writeTextUnchecked("b")).get();
            java.util.stream.IntStream.range(0, 1).parallel().forEach(i -> output().get(2).writeTextUnchecked("c"));
            throw new IllegalStateException("after writing on three threads");
        }
    }

    @Test
    void outputsClosedOnOtherThreadsBelongToTheFailedAttempt() throws IOException {
        Path dir = tmp.resolve("cross");
        RunResult result = Driver.builder().build().run(new AtomCrossThread(dir.toString()));
        assertEquals(TaskState.FAILED, result.outcomes().get(0).state());
        assertEquals(List.of(), TestFiles.visibleEntries(dir), "no output of the failed attempt is published");
    }

    /** Closes a directory output and then throws. */
    record AtomDirThenThrow(String path) implements Task {
        @Override
        public LocalDirectoryTarget output() {
            return LocalDirectoryTarget.of(path);
        }

        @Override
        public void run() throws Exception {
            try (StagedDirectory d = output().openDirectory();
                    OutputStream part = d.create("part-00000")) {
                part.write("x".getBytes(StandardCharsets.UTF_8));
            }
            throw new IllegalStateException("after the directory was closed");
        }
    }

    // ---- file outputs inside tasks ---------------------------------------------------------------

    @Test
    void exceptionInsideTheWriterBlockLeavesNoFile() {
        Path out = tmp.resolve("data/result.txt");
        RunResult result = Driver.builder().build().run(new AtomThrowInWriter(out.toString()));

        assertEquals(TaskState.FAILED, result.outcomes().get(0).state());
        assertFalse(Files.exists(out), "no file at the path");
        assertEquals(List.of(), TestFiles.visibleEntries(out.getParent()), "no visible leftovers");
        assertEquals(List.of(), TestFiles.entries(out.getParent()), "the temporary file was removed too");
    }

    @Test
    void aTaskThatFinishesOneOutputAndThenThrowsLeavesNeither() {
        Path dir = tmp.resolve("two");
        RunResult result = Driver.builder().build().run(new AtomTwoOutputs(dir.toString()));

        assertEquals(TaskState.FAILED, result.outcomes().get(0).state());
        assertFalse(Files.exists(dir.resolve("a.txt")), "a was closed, but the attempt failed");
        assertFalse(Files.exists(dir.resolve("b.txt")));
        assertEquals(List.of(), TestFiles.entries(dir));
    }

    @Test
    void aTaskThatReturnsWithoutAllItsOutputsFailsAndPublishesNone() {
        Path dir = tmp.resolve("forgets");
        RunResult result = Driver.builder().build().run(new AtomForgetsOne(dir.toString()));

        assertEquals(TaskState.FAILED, result.outcomes().get(0).state());
        assertTrue(result.outcomes().get(0).error().contains("b.txt"), result.outcomes().get(0).error());
        // OutputTransaction: "a failed attempt leaves none of its outputs, even the ones it had finished".
        assertFalse(Files.exists(dir.resolve("a.txt")), "a failed attempt must not publish a.txt");
    }

    @Test
    void aSuccessfulTaskPublishesItsFile() {
        Path out = tmp.resolve("ok/result.txt");
        RunResult result = Driver.builder().build().run(new AtomPlain(out.toString()));

        assertEquals(TaskState.COMPLETED, result.outcomes().get(0).state());
        assertEquals("done", TestFiles.read(out));
        assertEquals(List.of("result.txt"), TestFiles.entries(out.getParent()));
    }

    @Test
    void aDirectoryClosedByAFailingTaskIsNotPublished() {
        Path out = tmp.resolve("dirs/result");
        RunResult result = Driver.builder().build().run(new AtomDirThenThrow(out.toString()));

        assertEquals(TaskState.FAILED, result.outcomes().get(0).state());
        assertFalse(Files.exists(out));
        assertEquals(List.of(), TestFiles.entries(out.getParent()));
    }

    // ---- file outputs outside tasks ----------------------------------------------------------------

    @Test
    void writeBodyThatThrowsOutsideATaskLeavesNoFile() {
        LocalTarget target = LocalTarget.of(tmp.resolve("outside.txt").toString());

        IOException thrown = assertThrows(IOException.class, () -> target.write(w -> {
            w.write("half of it");
            throw new IOException("body failed");
        }));
        assertEquals("body failed", thrown.getMessage());
        assertFalse(target.exists());
        assertEquals(List.of(), TestFiles.entries(tmp));

        RuntimeException unchecked = assertThrows(RuntimeException.class, () -> target.write(w -> {
            w.write("half of it");
            throw new IllegalStateException("unchecked");
        }));
        assertEquals("unchecked", unchecked.getMessage());
        assertEquals(List.of(), TestFiles.entries(tmp));
    }

    @Test
    void writeBodyThatReturnsPublishesOutsideATask() throws IOException {
        LocalTarget target = LocalTarget.of(tmp.resolve("outside.txt").toString());
        target.write(w -> w.write("line 1\nline 2\n"));
        assertEquals(List.of("line 1", "line 2"), target.readLines());
        assertEquals(List.of("outside.txt"), TestFiles.entries(tmp));
    }

    @Test
    void aHiddenTemporarySiblingDoesNotMakeTheTargetExist() throws IOException {
        Path out = tmp.resolve("killed.txt");
        Files.writeString(tmp.resolve(".killed.txt" + TempNames.MARKER + "xyz"), "left by a killed writer");
        Files.writeString(tmp.resolve(".killed.txt.cascata-tmp-abc"), "another one");

        LocalTarget target = LocalTarget.of(out.toString());
        assertFalse(target.exists());

        RunResult result = Driver.builder().build().run(new AtomPlain(out.toString()));
        assertEquals(TaskState.COMPLETED, result.outcomes().get(0).state(), "the task is incomplete, so it runs");
        assertEquals("done", target.readText());
    }

    @Test
    void temporaryNamesAreHiddenSiblings() {
        String temp = TempNames.siblingName("name.txt");
        assertTrue(temp.startsWith(".name.txt" + TempNames.MARKER), temp);
        assertFalse(temp.equals(TempNames.siblingName("name.txt")), "each attempt gets its own name");
    }

    @Test
    void missingParentDirectoriesAreCreated() throws IOException {
        LocalTarget text = LocalTarget.of(tmp.resolve("a/b/c/text.txt").toString());
        text.writeText("deep");
        assertEquals("deep", text.readText());

        LocalTarget viaWriter = LocalTarget.of(tmp.resolve("x/y/writer.txt").toString());
        try (Writer w = viaWriter.openWriter()) {
            w.write("also deep");
        }
        assertEquals("also deep", viaWriter.readText());
    }

    @Test
    void aWriterClosedOutsideATaskReplacesAnExistingFile() throws IOException {
        LocalTarget target = LocalTarget.of(tmp.resolve("replace.txt").toString());
        target.writeText("old");
        try (Writer w = target.openWriter()) {
            w.write("new");
            assertEquals("old", target.readText(), "the old content stays until the writer closes");
        }
        assertEquals("new", target.readText());
        assertEquals(List.of("replace.txt"), TestFiles.entries(tmp));
    }

    @Test
    void gzipRoundTrip() throws IOException {
        Path path = tmp.resolve("gz/data.txt.gz");
        LocalTarget target = LocalTarget.of(path.toString(), Format.GZIP);
        String text = "héllo wörld\nsecond line\n".repeat(50);
        try (Writer w = target.openWriter()) {
            w.write(text);
        }
        byte[] stored = Files.readAllBytes(path);
        assertArrayEquals(new byte[] {(byte) 0x1f, (byte) 0x8b}, Arrays.copyOf(stored, 2), "stored gzip-compressed");
        assertTrue(stored.length < text.getBytes(StandardCharsets.UTF_8).length, "and smaller than the text");

        assertEquals(text, target.readText());
        assertEquals("héllo wörld", target.readLines().get(0));

        LocalTarget again = LocalTarget.of(path, Format.GZIP);
        again.writeText("rewritten");
        assertEquals("rewritten", again.readText());
    }

    @Test
    void objectRoundTripOfAMap() throws IOException {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "Cascata");
        value.put("count", 3);
        value.put("ratio", 0.5);
        value.put("ok", true);
        value.put("list", List.of(1, 2, 3));
        value.put("nested", Map.of("k", "v"));

        for (Format format : Format.values()) {
            LocalTarget target = LocalTarget.of(tmp.resolve("obj-" + format + ".json"), format);
            target.writeObject(value);
            Map<String, Object> back = target.readObject(new TypeReference<Map<String, Object>>() { });
            assertEquals(value, back, "round trip in " + format);
        }
    }

    // ---- directories ---------------------------------------------------------------------------

    @Test
    void directoryIsIncompleteUntilClosedThenHasSuccessMarker() throws IOException {
        Path path = tmp.resolve("out/dir");
        LocalDirectoryTarget target = LocalDirectoryTarget.of(path);
        StagedDirectory d = target.openDirectory();
        try (OutputStream part = d.create("part-00000")) {
            part.write("one".getBytes(StandardCharsets.UTF_8));
        }
        assertFalse(target.exists(), "not complete before close");
        assertFalse(Files.exists(path), "nothing at the final path before close");
        assertEquals(List.of(), TestFiles.visibleEntries(path.getParent()));

        d.close();
        assertTrue(target.exists());
        assertTrue(Files.isRegularFile(path.resolve(LocalDirectoryTarget.SUCCESS)));
        assertEquals(List.of("_SUCCESS", "part-00000"), TestFiles.entries(path));
        assertEquals(List.of("dir"), TestFiles.entries(path.getParent()), "no temporary directory is left");
        List<FileTarget> files = target.files();
        assertEquals(1, files.size());
        assertEquals("one", files.get(0).readText());
    }

    @Test
    void abortedDirectoryLeavesNothing() throws IOException {
        Path path = tmp.resolve("aborted");
        LocalDirectoryTarget target = LocalDirectoryTarget.of(path);
        StagedDirectory d = target.openDirectory();
        try (OutputStream part = d.create("part-00000")) {
            part.write("one".getBytes(StandardCharsets.UTF_8));
        }
        d.abort();
        d.close(); // after abort, close publishes nothing

        assertFalse(target.exists());
        assertFalse(Files.exists(path));
        assertEquals(List.of(), TestFiles.entries(tmp));
    }

    @Test
    void staleDirectoryWithoutMarkerIsReplaced() throws IOException {
        Path path = tmp.resolve("stale");
        Files.createDirectories(path);
        Files.writeString(path.resolve("part-00000"), "stale first part");
        Files.writeString(path.resolve("part-00001"), "stale second part");
        LocalDirectoryTarget target = LocalDirectoryTarget.of(path);
        assertFalse(target.exists(), "a directory without _SUCCESS is not complete");

        try (StagedDirectory d = target.openDirectory();
                OutputStream part = d.create("part-00000")) {
            part.write("fresh".getBytes(StandardCharsets.UTF_8));
        }

        assertTrue(target.exists());
        assertEquals(List.of("_SUCCESS", "part-00000"), TestFiles.entries(path), "the stale part-00001 is gone");
        assertEquals("fresh", TestFiles.read(path.resolve("part-00000")));
    }
}
