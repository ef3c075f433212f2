package io.cascata.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.examples.JarRuns.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar pipeline.jar} with run servers on, as users run it: once the jar's class
 * archive is saved, a run starts a server that stays, and the next runs of the same kind run in
 * it, warm; the process a user started still behaves as the run: its output, its exit code, its
 * signals. Each test's runs have a working directory, and so a server, of their own.
 */
class RunServerIT {

    private static final Path JAR = Path.of("target/pipeline.jar").toAbsolutePath();
    private static final Path SAMPLE = Path.of("data/sample.txt").toAbsolutePath();

    /** The archive, saved once for every test. */
    @TempDir
    static Path cache;
    /** Where the servers' sockets go: a short path, since a socket's path has at most 107 bytes. */
    private static Path sockets;

    @TempDir
    Path work;

    @BeforeAll
    static void saveTheArchive() throws Exception {
        sockets = Files.createTempDirectory(Path.of("/tmp"), "cascata-it-");
        Result saving = run(cache, JAR, Map.of(), "TopWords", "--input", SAMPLE.toString(), "--output", "top.txt",
                "--runner=DirectRunner", "--no-lock");
        assertEquals(0, saving.exitCode(), saving.shown());
        assertEquals(List.of(), serverFiles(), "the run that saves the archive starts no server");
    }

    @AfterEach
    void stopThisTestsServers() {
        serversOf(work).forEach(ProcessHandle::destroyForcibly);
    }

    @AfterAll
    static void removeTheSockets() throws IOException {
        ProcessHandle.allProcesses().filter(p -> commandLine(p).contains("-Dcascata.run-server=" + sockets))
                .forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> files = Files.walk(sockets)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static ProcessBuilder java(Path directory, Path jar, Map<String, String> environment, String... args) {
        ProcessBuilder builder = new ProcessBuilder(JarRuns.command(jar, List.of(), args)).directory(directory.toFile());
        builder.environment().remove("CASCATA_CONFIG");
        builder.environment().put("CASCATA_CLASS_ARCHIVE", "auto");
        builder.environment().put("CASCATA_RUN_SERVER", "auto");
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        builder.environment().put("XDG_RUNTIME_DIR", sockets.toString());
        // A test JVM that is killed leaves its servers behind: not for the default ten minutes.
        builder.environment().put("CASCATA_RUN_SERVER_IDLE_SECONDS", "60");
        builder.environment().putAll(environment);
        // A run given a pipe to read runs in a JVM of its own; a terminal's runs read nothing.
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.redirectOutput(directory.resolve(".out").toFile()).redirectError(directory.resolve(".err").toFile());
        return builder;
    }

    private static Result run(Path directory, Path jar, Map<String, String> environment, String... args) throws Exception {
        return JarRuns.run(directory, java(directory, jar, environment, args));
    }

    private Result run(Map<String, String> environment, String... args) throws Exception {
        return run(work, JAR, environment, args);
    }

    private Result topWords(String output) throws Exception {
        return run(Map.of(), "TopWords", "--input", SAMPLE.toString(), "--output", output, "--top", "3",
                "--runner=DirectRunner", "--no-lock", "--workspace", output + ".ws");
    }

    private static List<Path> serverFiles() throws IOException {
        Path servers = sockets.resolve("cascata").resolve("run-servers");
        if (!Files.isDirectory(servers)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(servers)) {
            return files.sorted().toList();
        }
    }

    /** The run servers started from {@code directory}: their JVMs run there. */
    private static List<ProcessHandle> serversOf(Path directory) {
        Path real;
        try {
            real = directory.toRealPath();
        } catch (IOException gone) {
            return List.of();
        }
        return ProcessHandle.allProcesses().filter(p -> commandLine(p).contains("-Dcascata.run-server=" + sockets))
                .filter(p -> workingDirectory(p).map(real::equals).orElse(false)).toList();
    }

    private static String commandLine(ProcessHandle process) {
        return process.info().arguments().map(a -> String.join(" ", a)).orElse("");
    }

    private static Optional<Path> workingDirectory(ProcessHandle process) {
        try {
            return Optional.of(Path.of("/proc", Long.toString(process.pid()), "cwd").toRealPath());
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    private ProcessHandle theServer() {
        List<ProcessHandle> servers = serversOf(work);
        assertEquals(1, servers.size(), "one run server for this directory: " + servers);
        return servers.get(0);
    }

    /** The socket the server listens on, from its command line. */
    private static Path socketOf(ProcessHandle server) {
        String line = commandLine(server);
        return Path.of(line.substring(line.indexOf("-Dcascata.run-server=") + "-Dcascata.run-server=".length()).split(" ")[0]);
    }

    /** The server's own log, which counts the runs it served when it stops. */
    private static String logOf(Path socket) throws IOException {
        return Files.readString(Path.of(socket.toString().replace(".sock", ".log")));
    }

    /** Stops the server with SIGTERM; returns its log, which then counts its runs. */
    private static String stop(ProcessHandle server) throws Exception {
        Path socket = socketOf(server);
        assertTrue(server.destroy(), "SIGTERM sent");
        assertTrue(server.onExit().get(30, TimeUnit.SECONDS) != null);
        assertFalse(Files.exists(socket), "a stopped server removes its socket");
        String log = logOf(socket);
        assertTrue(log.contains("run server " + server.pid()), log);
        return log;
    }

    /** The session a process leads or belongs to: field 6 of {@code /proc/PID/stat}. */
    private static long sessionOf(ProcessHandle process) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }

    @Test
    void laterRunsRunInTheServerTheFirstOneStartedAndPrintWhatTheirOwnJvmWould() throws Exception {
        Result started = topWords("a.txt");
        assertEquals(0, started.exitCode(), started.shown());
        ProcessHandle server = theServer();
        assertTrue(ProcessHandle.current().descendants().noneMatch(server::equals), "the server is nobody's child here");
        assertEquals(server.pid(), sessionOf(server), "the server leads a session of its own: no terminal signals it");

        Result served = topWords("b.txt");
        Result own = run(Map.of("CASCATA_RUN_SERVER", "off"), "TopWords", "--input", SAMPLE.toString(), "--output",
                "c.txt", "--top", "3", "--runner=DirectRunner", "--no-lock", "--workspace", "c.txt.ws");
        assertEquals(0, served.exitCode(), served.shown());
        assertEquals(Files.readString(work.resolve("c.txt")), Files.readString(work.resolve("b.txt")));
        assertEquals(own.out().replace("c.txt", "b.txt"), served.out(), served.shown());
        assertTrue(served.out().contains("This progress looks :)"), served.shown());
        assertEquals(List.of(server), serversOf(work), "the same server ran it");

        Result help = run(Map.of(), "--help");
        Result ownHelp = run(Map.of("CASCATA_RUN_SERVER", "off"), "--help");
        assertEquals(ownHelp, help);
        String[] tree = {"FanIn", "--n", "3000", "--dir", "fan", "--deps-tree", "--no-lock"};
        Result servedTree = run(Map.of(), tree);
        Result ownTree = run(Map.of("CASCATA_RUN_SERVER", "off"), tree);
        assertEquals(0, servedTree.exitCode(), servedTree.shown());
        assertTrue(servedTree.out().length() > 2 * 64 * 1024, "more than two messages' worth of output");
        assertEquals(ownTree.out(), servedTree.out());

        Result usage = run(Map.of(), "TopWords", "--input", SAMPLE.toString(), "--top", "many");
        assertEquals(2, usage.exitCode(), usage.shown());
        assertTrue(usage.err().startsWith("error: "), usage.shown());
        assertFalse(usage.err().contains("\tat "), "no stack trace:\n" + usage.shown());
        assertEquals("", usage.out());

        String[] missingInput = {"TopWords", "--input", work.resolve("absent.txt").toString(), "--output", "d.txt",
                "--runner=DirectRunner", "--no-lock", "--workspace", "d.ws"};
        Result missing = run(Map.of(), missingInput);
        Result ownMissing = run(Map.of("CASCATA_RUN_SERVER", "off"), missingInput);
        assertEquals(20, missing.exitCode(), missing.shown()); // an external input is missing
        assertEquals(ownMissing.out(), missing.out());

        assertTrue(stop(server).contains("stops after 6 runs"), "a.txt, b.txt, help, tree, usage, missing");
    }

    @Test
    void sigtermToTheClientStopsTheRunInOrderAndTheServerServesTheNext() throws Exception {
        assertEquals(0, topWords("a.txt").exitCode());
        ProcessHandle server = theServer();
        Result result = interruptedSlowCopy(false, Process::destroy);
        assertEquals(143, result.exitCode(), result.shown());
        assertTrue(result.err().contains("interrupted by SIGTERM"), result.shown());
        assertTrue(server.isAlive(), "the server stays");
        Result next = topWords("b.txt");
        assertEquals(0, next.exitCode(), next.shown());
        assertEquals(List.of(server), serversOf(work));
    }

    @Test
    void ctrlCAtATerminalReachesTheRunOnceNotTheServer() throws Exception {
        assertEquals(0, topWords("a.txt").exitCode());
        ProcessHandle server = theServer();
        Result result = interruptedSlowCopy(true, client -> {
            Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + client.pid()).inheritIO().start();
            assertEquals(0, kill.waitFor());
        });
        assertEquals(130, result.exitCode(), result.shown());
        assertEquals(1, result.err().lines().filter(l -> l.startsWith("interrupted by SIGINT")).count(), result.shown());
        assertFalse(result.err().contains("again: exiting now"), "one Ctrl-C is not two:\n" + result.shown());
        Result next = topWords("b.txt");
        assertEquals(0, next.exitCode(), next.shown());
        assertEquals(List.of(server), serversOf(work), "Ctrl-C of one run does not stop the server, which serves the next");
    }

    @Test
    void aKilledClientTakesItsRunAndItsServerWithIt() throws Exception {
        assertEquals(0, topWords("a.txt").exitCode());
        ProcessHandle server = theServer();
        Process client = java(work, JAR, Map.of(), "SlowCopy", "--work", "60s", "--no-lock").start();
        try {
            awaitStagedFile(client);
            client.destroyForcibly(); // SIGKILL: the run would have ended with its own JVM
            assertTrue(server.onExit().get(30, TimeUnit.SECONDS) != null, "the server ended with the run");
        } finally {
            client.destroyForcibly();
        }
    }

    @Test
    void aRunWhileTheServerIsBusyOrAtAnotherLogLevelRunsInItsOwnJvm() throws Exception {
        assertEquals(0, topWords("a.txt").exitCode());
        ProcessHandle server = theServer();
        Process busy = java(work, JAR, Map.of(), "SlowCopy", "--work", "60s", "--no-lock").start();
        try {
            awaitStagedFile(busy);
            Result declined = topWords("b.txt");
            assertEquals(0, declined.exitCode(), declined.shown());
            assertEquals(List.of(server), serversOf(work), "one server, busy with SlowCopy");
        } finally {
            busy.destroy();
            assertTrue(busy.waitFor(60, TimeUnit.SECONDS), "SlowCopy stopped");
        }
        Path socket = socketOf(server);
        Result debug = run(Map.of(), "TopWords", "--input", SAMPLE.toString(), "--output", "c.txt", "--top", "3",
                "--runner=DirectRunner", "--no-lock", "--workspace", "c.ws", "--log-level", "DEBUG");
        assertEquals(0, debug.exitCode(), debug.shown());
        assertTrue(debug.err().contains(" DEBUG "), "the run logged at DEBUG in a JVM of its own:\n" + debug.shown());
        // A server that declined a run for its log level stops, so that the next run of this kind starts one that fits.
        assertTrue(server.onExit().get(30, TimeUnit.SECONDS) != null);
        String log = logOf(socket);
        assertTrue(log.contains("stops: it declined a run") && log.contains("stops after 2 runs"),
                "a.txt and SlowCopy; not b.txt nor c.txt:\n" + log);
        Result info = topWords("d.txt");
        assertEquals(0, info.exitCode(), info.shown());
        assertFalse(info.err().contains(" DEBUG "), info.shown());
        assertEquals(1, serversOf(work).size(), "a new server");
    }

    @Test
    void aServerStopsWhenIdleAndWhenItsJarChanges() throws Exception {
        Result quick = run(Map.of("CASCATA_RUN_SERVER_IDLE_SECONDS", "5"), "TopWords", "--input", SAMPLE.toString(),
                "--output", "a.txt", "--runner=DirectRunner", "--no-lock");
        assertEquals(0, quick.exitCode(), quick.shown());
        ProcessHandle idle = theServer();
        Path idleSocket = socketOf(idle);
        assertTrue(idle.onExit().get(30, TimeUnit.SECONDS) != null, "stopped after 5 s without a run");
        assertTrue(logOf(idleSocket).contains("stops: idle for 5 s"), logOf(idleSocket));

        assertEquals(0, topWords("b.txt").exitCode());
        ProcessHandle server = theServer();
        Path socket = socketOf(server);
        FileTime built = Files.getLastModifiedTime(JAR);
        try {
            Files.setLastModifiedTime(JAR, FileTime.fromMillis(built.toMillis() + 60_000)); // what a rebuild changes
            assertTrue(server.onExit().get(30, TimeUnit.SECONDS) != null, "stopped when its jar changed");
        } finally {
            Files.setLastModifiedTime(JAR, built); // the other tests' archive is this build's
        }
        assertTrue(logOf(socket).contains("stops: its jar changed"), logOf(socket));
    }

    @Test
    void badSwitchesAreNamedWithTheirValues() throws Exception {
        Result bad = run(Map.of("CASCATA_RUN_SERVER", "sometimes"), "--help");
        assertEquals(2, bad.exitCode(), bad.shown());
        assertEquals("error: CASCATA_RUN_SERVER is 'sometimes'; expected auto (the default) or off", bad.err().strip());
        Result idle = run(Map.of("CASCATA_RUN_SERVER_IDLE_SECONDS", "0"), "--help");
        assertEquals(2, idle.exitCode(), idle.shown());
        assertEquals("error: CASCATA_RUN_SERVER_IDLE_SECONDS is '0'; expected a whole number of seconds, 1 or more",
                idle.err().strip());
    }

    /** How a test signals a running client. */
    private interface Signal {
        void send(Process client) throws Exception;
    }

    /**
     * Runs SlowCopy in the server, from a client in a process group of its own when
     * {@code ownGroup} (a terminal's foreground job, which Ctrl-C signals whole), signals the
     * client once the task writes, and returns what the run printed: the summary of an
     * interrupted run, with nothing of the output published.
     */
    private Result interruptedSlowCopy(boolean ownGroup, Signal signal) throws Exception {
        ProcessBuilder builder = java(work, JAR, Map.of(), "SlowCopy", "--work", "60s", "--no-lock");
        if (ownGroup) {
            List<String> command = new ArrayList<>(builder.command());
            command.add(0, "setsid");
            builder.command(command);
        }
        Process client = builder.start();
        try {
            awaitStagedFile(client);
            assertEquals(0, client.children().count(), "the run is in the server, not a JVM of the client's");
            signal.send(client);
            assertTrue(client.waitFor(60, TimeUnit.SECONDS), "ended after the signal");
            Result result = JarRuns.finished(work, client);
            assertTrue(result.out().contains("This progress looks :( because the run was interrupted"), result.shown());
            assertEquals(List.of(), outputFiles(), "neither the output nor its staged file");
            return result;
        } finally {
            client.destroyForcibly();
        }
    }

    private List<String> outputFiles() throws IOException {
        return JarRuns.outputFiles(work);
    }

    private void awaitStagedFile(Process client) throws Exception {
        JarRuns.awaitStagedFile(work, client);
    }
}
