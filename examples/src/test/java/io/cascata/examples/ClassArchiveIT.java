package io.cascata.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.examples.JarRuns.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar pipeline.jar} with the class archive on, as users run it: the first run that
 * runs tasks saves the jar's archive, later runs start a JVM that maps it, and the process a user
 * started still behaves as the run: its output, its exit code, its signals.
 */
class ClassArchiveIT {

    private static final Path JAR = Path.of("target/pipeline.jar").toAbsolutePath();
    private static final Path SAMPLE = Path.of("data/sample.txt").toAbsolutePath();

    @TempDir
    Path work;

    private Path cache() {
        return work.resolve("cache");
    }

    private Path archives() {
        return cache().resolve("cascata").resolve("class-archives");
    }

    private List<String> archiveFiles() throws IOException {
        if (!Files.isDirectory(archives())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(archives())) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private ProcessBuilder java(Path jar, List<String> jvmOptions, Map<String, String> environment, String... args) {
        ProcessBuilder builder = new ProcessBuilder(JarRuns.command(jar, jvmOptions, args)).directory(work.toFile());
        builder.environment().remove("CASCATA_CONFIG");
        builder.environment().put("CASCATA_CLASS_ARCHIVE", "auto");
        builder.environment().put("CASCATA_RUN_SERVER", "off"); // RunServerIT's subject
        builder.environment().put("XDG_CACHE_HOME", cache().toString());
        builder.environment().putAll(environment);
        builder.redirectOutput(work.resolve(".out").toFile()).redirectError(work.resolve(".err").toFile());
        return builder;
    }

    private Result run(Path jar, List<String> jvmOptions, Map<String, String> environment, String... args) throws Exception {
        return JarRuns.run(work, java(jar, jvmOptions, environment, args));
    }

    private Result topWords(Path jar, List<String> jvmOptions, String output) throws Exception {
        return run(jar, jvmOptions, Map.of(), "TopWords", "--input", SAMPLE.toString(), "--output", output, "--top", "3",
                "--runner=DirectRunner", "--no-lock");
    }

    private String read(String name) throws IOException {
        return Files.readString(work.resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    void theFirstRunThatRunsTasksSavesTheArchiveAndTheNextRunMapsIt() throws Exception {
        Result help = run(JAR, List.of(), Map.of(), "--help");
        assertEquals(0, help.exitCode(), help.shown());
        assertEquals(List.of(), archiveFiles(), "a run that ran no task saves nothing");

        Result first = topWords(JAR, List.of(), "first.txt");
        assertEquals(0, first.exitCode(), first.shown());
        assertTrue(first.out().contains("This progress looks :)"), first.shown());
        List<String> saved = archiveFiles();
        assertEquals(1, saved.size(), "one archive and nothing else: " + saved);
        assertTrue(saved.get(0).endsWith(".jsa"), saved.toString());
        assertFalse(first.out().contains("cds"), "the archive's saving says nothing on stdout:\n" + first.out());

        // The user's own -Xlog reaches both JVMs; the one that runs the pipeline names the archive it mapped.
        Result second = topWords(JAR, List.of("-Xlog:cds=info:file=" + work.resolve("cds-%p.log")), "second.txt");
        assertEquals(0, second.exitCode(), second.shown());
        assertEquals(Files.readString(work.resolve("first.txt")), Files.readString(work.resolve("second.txt")));
        assertEquals(saved, archiveFiles());
        String archive = archives().resolve(saved.get(0)).toString();
        try (Stream<Path> logs = Files.list(work)) {
            long mapped = logs.filter(f -> f.getFileName().toString().startsWith("cds-")).filter(f -> {
                try {
                    return Files.readString(f).contains("Opened archive " + archive);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }).count();
            assertEquals(1, mapped, "the run's JVM opened " + archive);
        }
    }

    @Test
    void aFailedRunSavesNothingAndItsExitCodeAndErrorPassThrough() throws Exception {
        Result usage = run(JAR, List.of(), Map.of(), "TopWords", "--input", SAMPLE.toString(), "--top", "many");
        assertEquals(2, usage.exitCode(), usage.shown());
        assertTrue(usage.err().startsWith("error: "), usage.shown());
        assertFalse(usage.err().contains("\tat "), "no stack trace:\n" + usage.shown());

        Result missing = run(JAR, List.of(), Map.of(), "TopWords", "--input", work.resolve("absent.txt").toString(),
                "--output", "out.txt", "--runner=DirectRunner", "--no-lock");
        assertEquals(20, missing.exitCode(), missing.shown()); // an external input is missing
        assertEquals(List.of(), archiveFiles(), "failed runs save nothing and leave nothing");
    }

    @Test
    void aBadSwitchIsNamedWithItsValue() throws Exception {
        Result bad = run(JAR, List.of(), Map.of("CASCATA_CLASS_ARCHIVE", "sometimes"), "--help");
        assertEquals(2, bad.exitCode(), bad.shown());
        assertEquals("error: CASCATA_CLASS_ARCHIVE is 'sometimes'; expected auto (the default) or off",
                bad.err().strip(), bad.shown());
    }

    @Test
    void aRebuiltJarGetsAnArchiveOfItsOwnAndTheOldBuildsGoes() throws Exception {
        Path jar = work.resolve("copy.jar");
        Files.copy(JAR, jar, StandardCopyOption.REPLACE_EXISTING);
        assertEquals(0, topWords(jar, List.of(), "a.txt").exitCode());
        List<String> before = archiveFiles();
        assertEquals(1, before.size(), before.toString());

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        Result rebuilt = topWords(jar, List.of(), "b.txt");
        assertEquals(0, rebuilt.exitCode(), rebuilt.shown());
        List<String> after = archiveFiles();
        assertEquals(1, after.size(), after.toString());
        assertFalse(after.equals(before), "the rebuilt jar's archive replaced the earlier build's: " + after);
        assertEquals(before.get(0).substring(0, 16), after.get(0).substring(0, 16), "both named by the same jar path");
    }

    /** How a test signals a running launcher. */
    private interface Signal {
        void send(Process launcher) throws Exception;
    }

    /**
     * Starts SlowCopy through the launcher, in a process group of its own when {@code ownGroup}
     * (as a terminal's foreground job, which Ctrl-C signals whole), signals it once the task
     * writes, and returns what the run printed: the summary of an interrupted run, with nothing
     * of the output published.
     */
    private Result interruptedSlowCopy(boolean ownGroup, Signal signal) throws Exception {
        ProcessBuilder builder = java(JAR, List.of(), Map.of(), "SlowCopy", "--work", "60s", "--no-lock");
        if (ownGroup) {
            List<String> command = new ArrayList<>(builder.command());
            command.add(0, "setsid");
            builder.command(command);
        }
        Process launcher = builder.start();
        try {
            awaitStagedFile(launcher);
            assertEquals(1, launcher.children().count(), "the run is the launcher's second JVM");
            signal.send(launcher);
            assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "ended after the signal");
            Result result = JarRuns.finished(work, launcher);
            assertTrue(result.out().contains("This progress looks :( because the run was interrupted"), result.shown());
            assertEquals(List.of(), outputFiles(), "neither the output nor its staged file");
            return result;
        } finally {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly); // while the launcher still lives
            launcher.destroyForcibly();
        }
    }

    @Test
    void sigtermToTheLauncherStopsTheRunAsItWouldStopAPlainOne() throws Exception {
        Result result = interruptedSlowCopy(false, Process::destroy); // SIGTERM, to the process the user started
        assertEquals(143, result.exitCode(), result.shown());
        assertTrue(result.err().contains("interrupted by SIGTERM"), result.shown());
    }

    @Test
    void ctrlCAtATerminalReachesTheRunOnceAndStopsItInOrder() throws Exception {
        Result result = interruptedSlowCopy(true, launcher -> {
            Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + launcher.pid()).inheritIO().start();
            assertEquals(0, kill.waitFor());
        });
        assertEquals(130, result.exitCode(), result.shown());
        assertEquals(1, result.err().lines().filter(l -> l.startsWith("interrupted by SIGINT")).count(), result.shown());
        assertFalse(result.err().contains("again: exiting now"), "one Ctrl-C is not two:\n" + result.shown());
    }

    @Test
    void optionsThatMustActOnceKeepTheRunInOneJvm() throws Exception {
        Result logged = topWords(JAR, List.of("-Xlog:gc:file=" + work.resolve("gc.log")), "top.txt");
        assertEquals(0, logged.exitCode(), logged.shown());
        assertTrue(Files.size(work.resolve("gc.log")) > 0);
        assertEquals(List.of(), archiveFiles(), "no second JVM, so no archive saved");
    }

    @Test
    void aKilledLauncherTakesItsRunWithIt() throws Exception {
        Process launcher = java(JAR, List.of(), Map.of(), "SlowCopy", "--work", "60s", "--no-lock").start();
        List<ProcessHandle> runs = List.of();
        try {
            awaitStagedFile(launcher);
            runs = launcher.children().toList();
            assertEquals(1, runs.size(), "the launcher started one JVM: " + runs);
            launcher.destroyForcibly(); // SIGKILL: nothing of the launcher runs any more
            assertTrue(runs.get(0).onExit().get(30, TimeUnit.SECONDS) != null, "the run ended with its launcher");
            assertFalse(runs.get(0).isAlive());
        } finally {
            runs.forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    private List<String> outputFiles() throws IOException {
        return JarRuns.outputFiles(work);
    }

    private void awaitStagedFile(Process launcher) throws Exception {
        JarRuns.awaitStagedFile(work, launcher);
    }
}
