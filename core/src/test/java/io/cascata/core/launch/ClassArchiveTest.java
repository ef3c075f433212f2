package io.cascata.core.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which archive a jar's build gets, what a saving run's end keeps or drops, and what clean-up removes. */
class ClassArchiveTest {

    private static final String RUNTIME = "/usr/lib/jvm/17|17.0.99";
    private static final String TOKEN = ProcessHandle.current().pid() + "-0a1b2c3d";

    @TempDir
    Path dir;

    private Path jar() throws IOException {
        Path jar = dir.resolve("pipeline.jar");
        if (!Files.exists(jar)) {
            Files.writeString(jar, "a jar's bytes");
        }
        return jar;
    }

    private void rebuild() throws IOException {
        Files.setLastModifiedTime(jar(), FileTime.fromMillis(Files.getLastModifiedTime(jar()).toMillis() + 1000));
    }

    private Path cache() throws IOException {
        return Files.createDirectories(dir.resolve("cache"));
    }

    private List<String> cached() throws IOException {
        try (Stream<Path> files = Files.list(cache())) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** What the JVM of a saving run leaves: the archive it wrote, and how the run ended. */
    private void savingRunEnded(ClassArchive archive, int exitCode, boolean ranTasks) throws IOException {
        Files.writeString(archive.saving(TOKEN), "archived classes");
        new SavingRunEnd(exitCode, ranTasks).write(archive.ran(TOKEN));
    }

    @Test
    void aRebuiltJarOrAnotherRuntimeGetsAnotherArchive() throws IOException {
        ClassArchive first = ClassArchive.of(cache(), jar(), RUNTIME);
        assertEquals(first, ClassArchive.of(cache(), dir.resolve(".").resolve("pipeline.jar"), RUNTIME),
                "the same file by another path");
        ClassArchive otherRuntime = ClassArchive.of(cache(), jar(), "/usr/lib/jvm/21|21.0.1");
        assertNotEquals(first.jarKey(), otherRuntime.jarKey(), "another runtime's archives are never an earlier build's");
        rebuild();
        ClassArchive rebuilt = ClassArchive.of(cache(), jar(), RUNTIME);
        assertNotEquals(first.file(), rebuilt.file());
        assertEquals(first.jarKey(), rebuilt.jarKey());
    }

    @Test
    void aRunThatRanTasksAndSucceededKeepsItsArchiveAndTheEarlierBuildsGoButNotAnotherRuntimes() throws IOException {
        ClassArchive earlier = ClassArchive.of(cache(), jar(), RUNTIME);
        savingRunEnded(earlier, 0, true);
        assertEquals(0, earlier.finishSaving(TOKEN, 0));
        assertTrue(earlier.saved());
        ClassArchive otherRuntime = ClassArchive.of(cache(), jar(), "/usr/lib/jvm/21|21.0.1");
        savingRunEnded(otherRuntime, 0, true);
        otherRuntime.finishSaving(TOKEN, 0);
        rebuild();
        ClassArchive rebuilt = ClassArchive.of(cache(), jar(), RUNTIME);
        assertFalse(rebuilt.saved());

        savingRunEnded(rebuilt, 0, true);
        assertEquals(0, rebuilt.finishSaving(TOKEN, 0));

        assertEquals(Stream.of(rebuilt.file(), otherRuntime.file()).map(f -> f.getFileName().toString()).sorted().toList(),
                cached());
        assertEquals("archived classes", Files.readString(rebuilt.file()));
    }

    @Test
    void aRunThatFailedOrRanNoTaskLeavesNothingAndKeepsItsExitCode() throws IOException {
        ClassArchive archive = ClassArchive.of(cache(), jar(), RUNTIME);
        savingRunEnded(archive, 30, true);
        assertEquals(30, archive.finishSaving(TOKEN, 30));
        assertEquals(List.of(), cached(), "failed");

        savingRunEnded(archive, 0, false);
        assertEquals(0, archive.finishSaving(TOKEN, 0));
        assertEquals(List.of(), cached(), "ran no task");

        Files.writeString(archive.saving(TOKEN), "archived classes");
        assertEquals(137, archive.finishSaving(TOKEN, 137), "ended before it could say how");
        assertEquals(List.of(), cached());
        assertFalse(archive.cannotBeSaved());
    }

    @Test
    void aJvmThatFailedWritingTheArchiveAfterAGoodRunGivesTheRunsExitCodeAndIsNotAskedAgain() throws IOException {
        ClassArchive archive = ClassArchive.of(cache(), jar(), RUNTIME);
        new SavingRunEnd(0, true).write(archive.ran(TOKEN));
        Files.createFile(archive.saving(TOKEN)); // made by the launcher, never written by the JVM
        assertEquals(0, archive.finishSaving(TOKEN, 1));
        assertTrue(archive.cannotBeSaved());
        assertFalse(archive.saved());
        assertEquals(List.of(archive.unavailable().getFileName().toString()), cached());
    }

    @Test
    void cleanUpRemovesWhatGoneLaunchersLeftAndArchivesLongUnusedOnly() throws IOException {
        ClassArchive archive = ClassArchive.of(cache(), jar(), RUNTIME);
        String gone = "4000000000-00ff00ff"; // above any pid Linux hands out
        assertTrue(ProcessHandle.of(4_000_000_000L).isEmpty());
        Files.writeString(archive.saving(gone), "killed half-way");
        Files.writeString(archive.ran(gone), "0 true");
        Files.writeString(archive.saving(TOKEN), "still being written");
        savingRunEnded(ClassArchive.of(cache(), jar(), "another|runtime"), 0, true);
        ClassArchive.of(cache(), jar(), "another|runtime").finishSaving(TOKEN, 0);
        Path old = ClassArchive.of(cache(), jar(), "another|runtime").file();
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(ClassArchive.UNUSED).minus(Duration.ofDays(1))));
        Files.writeString(archive.file(), "in use");
        archive.used();

        ClassArchive.removeUnused(cache(), Instant.now());

        assertEquals(Stream.of(archive.file(), archive.saving(TOKEN)).map(f -> f.getFileName().toString()).sorted().toList(),
                cached());
    }
}
