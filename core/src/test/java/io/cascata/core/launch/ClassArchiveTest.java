package io.cascata.core.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which archive a jar's build gets, and what a saving run's end keeps or drops. */
class ClassArchiveTest {

    private static final String RUNTIME = "/usr/lib/jvm/17|17.0.99";
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    private Path jar() throws IOException {
        Path jar = dir.resolve("pipeline.jar");
        if (!Files.exists(jar)) {
            Files.writeString(jar, "a jar's bytes");
        }
        return jar;
    }

    private Path cache() throws IOException {
        return Files.createDirectories(dir.resolve("cache"));
    }

    private List<String> cached() throws IOException {
        try (Stream<Path> files = Files.list(cache())) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** What the JVM of a saving run leaves: the archive it wrote, and the mark of a run that ran tasks. */
    private void savingRunEnded(ClassArchive archive, boolean ranTasks) throws IOException {
        Files.writeString(archive.saving(PID), "archived classes");
        if (ranTasks) {
            Files.createFile(archive.ran(PID));
        }
    }

    @Test
    void aRebuiltJarOrAnotherRuntimeGetsAnotherArchiveUnderTheSameJarName() throws IOException {
        ClassArchive first = ClassArchive.of(cache(), jar(), RUNTIME);
        assertEquals(first, ClassArchive.of(cache(), dir.resolve(".").resolve("pipeline.jar"), RUNTIME),
                "the same file by another path");
        assertNotEquals(first.file(), ClassArchive.of(cache(), jar(), "/usr/lib/jvm/21|21.0.1").file());
        Files.setLastModifiedTime(jar(), FileTime.fromMillis(Files.getLastModifiedTime(jar()).toMillis() + 1000));
        ClassArchive rebuilt = ClassArchive.of(cache(), jar(), RUNTIME);
        assertNotEquals(first.file(), rebuilt.file());
        assertEquals(first.jarKey(), rebuilt.jarKey());
    }

    @Test
    void aRunThatRanTasksAndSucceededKeepsItsArchiveAndTheEarlierBuildsGo() throws IOException {
        ClassArchive earlier = ClassArchive.of(cache(), jar(), RUNTIME);
        savingRunEnded(earlier, true);
        earlier.finishSaving(PID, true);
        assertTrue(earlier.saved());
        Files.setLastModifiedTime(jar(), FileTime.fromMillis(Files.getLastModifiedTime(jar()).toMillis() + 1000));
        ClassArchive rebuilt = ClassArchive.of(cache(), jar(), RUNTIME);
        assertFalse(rebuilt.saved());

        savingRunEnded(rebuilt, true);
        rebuilt.finishSaving(PID, true);

        assertEquals(List.of(rebuilt.file().getFileName().toString()), cached());
        assertEquals("archived classes", Files.readString(rebuilt.file()));
    }

    @Test
    void aRunThatFailedOrRanNoTaskLeavesNothing() throws IOException {
        ClassArchive archive = ClassArchive.of(cache(), jar(), RUNTIME);
        savingRunEnded(archive, true);
        archive.finishSaving(PID, false);
        assertEquals(List.of(), cached(), "failed");

        savingRunEnded(archive, false);
        archive.finishSaving(PID, true);
        assertEquals(List.of(), cached(), "ran no task");
        assertFalse(archive.cannotBeSaved());
    }

    @Test
    void aJvmThatWroteNoArchiveForARunWorthKeepingIsNotAskedAgain() throws IOException {
        ClassArchive archive = ClassArchive.of(cache(), jar(), RUNTIME);
        Files.createFile(archive.ran(PID));
        archive.finishSaving(PID, true);
        assertTrue(archive.cannotBeSaved());
        assertFalse(archive.saved());
    }

    @Test
    void whatAGoneSavingRunLeftIsRemovedAndALiveOnesIsNot() throws IOException {
        ClassArchive archive = ClassArchive.of(cache(), jar(), RUNTIME);
        long gone = 4_000_000_000L; // above any pid Linux hands out
        assertTrue(ProcessHandle.of(gone).isEmpty());
        Files.writeString(archive.saving(gone), "killed half-way");
        Files.createFile(archive.ran(gone));
        Files.writeString(archive.saving(PID), "still being written");
        archive.removeOthers();
        assertEquals(List.of(archive.saving(PID).getFileName().toString()), cached());
    }
}
