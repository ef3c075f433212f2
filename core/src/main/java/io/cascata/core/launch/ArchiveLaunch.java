package io.cascata.core.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * Runs {@code java [options] -jar pipeline.jar ...} in a second JVM that maps the jar's class
 * archive ({@link ClassArchive}), because a JVM's options come before the jar and so cannot be
 * set from inside it. The first run of a jar's build that runs tasks and succeeds saves the
 * archive (some seconds more, once); later runs start with the jar's classes loaded.
 *
 * <p>This process stays as the launcher: the second JVM gets the same command line, environment,
 * working directory and standard streams; this process hands SIGTERM and SIGHUP on to it
 * (Ctrl-C reaches it directly: a terminal signals its whole foreground process group) and exits
 * with its exit code. The second JVM ends at once if this one is killed ({@link LaunchedRun}).
 *
 * <p>Once the archive is saved, the run goes instead to the run server of its kind
 * ({@link RunServerClient}, {@link RunServer}), a JVM with the archive that stays between runs,
 * unless {@code CASCATA_RUN_SERVER=off}, the server declines it, or none can be started.
 *
 * <p>{@code CASCATA_CLASS_ARCHIVE=off} runs in this process instead, as does a run started any
 * other way than {@code -jar}, a JVM given options that must not act twice (a debugger or other
 * agent, JMX, a flight recording, a log file without {@code %p}, class data sharing of its own),
 * and a JVM that could not save an archive before.
 */
public final class ArchiveLaunch {

    /** The environment variable that turns the archive on ({@code auto}, the default) or {@code off}. */
    public static final String SWITCH = "CASCATA_CLASS_ARCHIVE";
    /** The environment variable that turns run servers on ({@code auto}, the default) or {@code off}. */
    public static final String SERVER_SWITCH = "CASCATA_RUN_SERVER";
    /** Options of the JVM a run server runs in, before the user's (which may change them). */
    private static final List<String> SERVER_OPTIONS = List.of(
            // An idle server gives back the heap its last run no longer uses.
            "-XX:G1PeriodicGCInterval=60000");
    private static final List<String> SERVER_UNFIT_OPTIONS = List.of("-Xlog", "-verbose", "-XX:+Print",
            "-XX:+Trace", "-XX:+Log", "-XX:+Verbose");
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private static final int USAGE = 2;
    /** A class the archive cannot hold is only left out of it: that is no news to the run's output. */
    private static final String QUIET_ARCHIVE = "-Xlog:cds=off,cds+dynamic=off";
    private static final long FORWARD_WAIT_SECONDS = 10;
    /** Room the archive needs when it is written (pipeline.jar's is about 105 MB). */
    private static final long SAVING_SPACE = 512L << 20;
    private static final List<String> ONE_JVM_OPTIONS = List.of("-agentlib:", "-agentpath:", "-javaagent:",
            "-Xrunjdwp", "-Xdebug", "-Dcom.sun.management.jmxremote", "-XX:StartFlightRecording",
            "-XX:+AlwaysPreTouch", "-Xloggc:", "-Xshare:", "-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit",
            "-XX:+AutoCreateSharedArchive", "-XX:DumpLoadedClassList", "-XX:SharedClassListFile");

    private ArchiveLaunch() {
    }

    /**
     * Runs the program in a JVM with the class archive, when this process should; returns that
     * JVM's exit code, or empty when this process runs the program itself.
     *
     * @param args the arguments {@code main} was given
     */
    public static OptionalInt relaunch(String[] args, Map<String, String> environment, PrintStream err) {
        if (LaunchedRun.isLaunched()) {
            return OptionalInt.empty();
        }
        String choice = environment.getOrDefault(SWITCH, "auto");
        String serverChoice = environment.getOrDefault(SERVER_SWITCH, "auto");
        for (String[] named : new String[][] {{SWITCH, choice}, {SERVER_SWITCH, serverChoice}}) {
            if (!named[1].equals("auto") && !named[1].equals("off")) {
                err.println("error: " + named[0] + " is '" + named[1] + "'; expected auto (the default) or off");
                return OptionalInt.of(USAGE);
            }
        }
        if (RunServer.idleSeconds(environment).isEmpty()) {
            err.println("error: " + RunServer.IDLE_SWITCH + " is '" + environment.get(RunServer.IDLE_SWITCH)
                    + "'; expected a whole number of seconds, 1 or more");
            return OptionalInt.of(USAGE);
        }
        if (choice.equals("off")) {
            return OptionalInt.empty();
        }
        Optional<Path> jar = thisJar();
        Optional<List<String>> command = jar.flatMap(path -> ownCommandLine(args, path));
        Optional<Path> directory = cacheDirectory(environment);
        if (command.isEmpty() || directory.isEmpty()
                || ManagementFactory.getRuntimeMXBean().getInputArguments().stream().anyMatch(ArchiveLaunch::oneJvmOnly)) {
            return OptionalInt.empty();
        }
        ClassArchive archive;
        try {
            Files.createDirectories(directory.get());
            ClassArchive.removeUnused(directory.get(), Instant.now());
            archive = ClassArchive.of(directory.get(), jar.get(),
                    System.getProperty("java.home") + "|" + System.getProperty("java.vm.version"));
        } catch (IOException | RuntimeException cannotKeepOne) {
            return OptionalInt.empty();
        }
        if (archive.saved()) {
            archive.used();
            List<String> mapped = List.of("-XX:SharedArchiveFile=" + archive.file(), QUIET_ARCHIVE);
            if (serverChoice.equals("auto")) {
                OptionalInt served = serve(args, jar.get(), command.get(), mapped, directory.get(), environment, err);
                if (served.isPresent()) {
                    return served;
                }
            }
            return run(mapped, Optional.empty(), command.get());
        }
        if (archive.cannotBeSaved()) {
            return OptionalInt.empty();
        }
        String token = ProcessHandle.current().pid() + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try {
            // Made now, so that a directory the JVM could not write at its end is found out before the run.
            Files.createFile(archive.saving(token));
            if (Files.getFileStore(directory.get()).getUsableSpace() < SAVING_SPACE) {
                Files.deleteIfExists(archive.saving(token));
                return OptionalInt.empty();
            }
        } catch (IOException | RuntimeException cannotSave) {
            return OptionalInt.empty();
        }
        OptionalInt exitCode = run(List.of("-XX:ArchiveClassesAtExit=" + archive.saving(token), QUIET_ARCHIVE),
                Optional.of(archive.ran(token)), command.get());
        try {
            if (exitCode.isEmpty()) {
                Files.deleteIfExists(archive.saving(token));
                return exitCode;
            }
            return OptionalInt.of(archive.finishSaving(token, exitCode.getAsInt()));
        } catch (IOException e) {
            err.println("warning: the class archive for this jar was not saved: " + e);
            return exitCode;
        }
    }

    /**
     * Hands the run to the run server for this kind of run ({@link RunServerClient}), which a
     * command line that would start the same JVM shares: the server's JVM gets the archive, this
     * JVM's options, working directory and environment, in a session of its own ({@code setsid}).
     * Empty when there is no server and none can be started, or it declines the run.
     */
    private static OptionalInt serve(String[] args, Path jar, List<String> command, List<String> archiveOptions,
            Path archives, Map<String, String> environment, PrintStream err) {
        Optional<Path> setsid = SETSID.stream().filter(Files::isExecutable).findFirst();
        Optional<Path> servers = runtimeDirectory(environment).or(() -> Optional.of(archives.getParent()))
                .map(base -> base.resolve("run-servers"));
        List<String> options = command.subList(0, command.indexOf("-jar"));
        if (setsid.isEmpty() || servers.isEmpty() || !inputIsNoData()
                || ManagementFactory.getRuntimeMXBean().getInputArguments().stream().anyMatch(ArchiveLaunch::ownJvmOutput)) {
            return OptionalInt.empty();
        }
        Optional<RunServerPlace> place = RunServerPlace.of(servers.get(), jar, options,
                Path.of(System.getProperty("user.dir")), environment);
        if (place.isEmpty()) {
            return OptionalInt.empty();
        }
        List<String> server = new ArrayList<>();
        server.add(setsid.get().toString());
        server.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        server.addAll(archiveOptions);
        server.addAll(SERVER_OPTIONS);
        server.addAll(options);
        server.add("-D" + RunServer.PROPERTY + "=" + place.get().socket());
        server.add("-jar");
        server.add(jar.toString());
        return RunServerClient.hand(place.get(), server, args, err);
    }

    /**
     * Whether standard input is a terminal or {@code /dev/null}: a served run reads none, so a
     * run given a pipe or a file to read runs in a JVM of its own.
     */
    private static boolean inputIsNoData() {
        try {
            String input = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return input.equals("/dev/null") || input.equals("/dev/console") || input.startsWith("/dev/tty")
                    || input.startsWith("/dev/pts/");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /**
     * Options with which the JVM prints on its own standard streams (logging, verbose class
     * loading, diagnostics): a server's JVM would print them once, into its log, not for each run.
     */
    private static boolean ownJvmOutput(String option) {
        return SERVER_UNFIT_OPTIONS.stream().anyMatch(option::startsWith);
    }

    /** {@code $XDG_RUNTIME_DIR/cascata}, where a user's sockets belong, when that directory is there. */
    private static Optional<Path> runtimeDirectory(Map<String, String> environment) {
        String value = environment.get("XDG_RUNTIME_DIR");
        try {
            return value == null || value.isEmpty() || !Path.of(value).isAbsolute() || !Files.isDirectory(Path.of(value))
                    ? Optional.empty() : Optional.of(Path.of(value).resolve("cascata"));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Runs the second JVM; empty when it cannot be started, and this process runs the program. */
    private static OptionalInt run(List<String> archiveOptions, Optional<Path> savingRunEnd, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(archiveOptions);
        command.add("-D" + LaunchedRun.PROPERTY + "=" + LaunchedRun.property(ProcessHandle.current().pid(), savingRunEnd));
        command.addAll(arguments);
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        forwardSignals(child);
        while (true) {
            try {
                return OptionalInt.of(child.waitFor());
            } catch (InterruptedException e) {
                // Nothing here interrupts this thread; the run's end is what ends the wait.
            }
        }
    }

    /**
     * Hands SIGTERM and SIGHUP to the run, which acts on them as it would in this process.
     * SIGINT is not handed on: Ctrl-C at a terminal, and tools such as GNU {@code timeout},
     * signal the whole process group, so the run has it already, and a second copy half a
     * second late would read as the second Ctrl-C that ends the run at once.
     */
    private static void forwardSignals(Process child) {
        handle("TERM", signal -> child.destroy());
        handle("HUP", signal -> send("HUP", child));
        handle("INT", signal -> { });
    }

    private static void handle(String name, sun.misc.SignalHandler handler) {
        try {
            Signal.handle(new Signal(name), handler);
        } catch (IllegalArgumentException ignoredByThisJvm) {
            // The run inherited the same disposition (-Xrs, or SIGINT ignored in the background).
        }
    }

    private static void send(String signal, Process child) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.getOutputStream().close();
            if (kill.waitFor(FORWARD_WAIT_SECONDS, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        } catch (IOException | InterruptedException noKillCommand) {
            // SIGTERM below stops the run the same orderly way.
        }
        child.destroy();
    }

    /**
     * The arguments this JVM was started with, when they are {@code [options] -jar THIS_JAR
     * ARGS}: Java reads only the first page of a long command line, so ARGS must be all of
     * {@code main}'s arguments.
     */
    private static Optional<List<String>> ownCommandLine(String[] args, Path jar) {
        Optional<List<String>> arguments = ProcessHandle.current().info().arguments().map(Arrays::asList);
        if (arguments.isEmpty()) {
            return Optional.empty();
        }
        List<String> line = arguments.get();
        int jarOption = line.indexOf("-jar");
        if (jarOption < 0 || jarOption + 1 >= line.size() || !sameFile(line.get(jarOption + 1), jar)
                || !line.subList(jarOption + 2, line.size()).equals(List.of(args))) {
            return Optional.empty();
        }
        return arguments;
    }

    private static boolean oneJvmOnly(String option) {
        if (option.startsWith("-Xlog") && option.contains("file=") && !option.contains("%p")) {
            return true; // two JVMs writing one log file
        }
        return ONE_JVM_OPTIONS.stream().anyMatch(option::startsWith);
    }

    private static boolean sameFile(String named, Path jar) {
        try {
            return Files.isSameFile(Path.of(System.getProperty("user.dir")).resolve(named), jar);
        } catch (IOException | InvalidPathException e) {
            return false;
        }
    }

    static Optional<Path> thisJar() {
        CodeSource source = ArchiveLaunch.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code $XDG_CACHE_HOME/cascata/class-archives}, else {@code $HOME/.cache/cascata/class-archives}; absolute only. */
    private static Optional<Path> cacheDirectory(Map<String, String> environment) {
        try {
            for (String[] base : new String[][] {{"XDG_CACHE_HOME", ""}, {"HOME", ".cache"}}) {
                String value = environment.get(base[0]);
                if (value != null && !value.isEmpty() && Path.of(value).isAbsolute()) {
                    return Optional.of(Path.of(value).resolve(base[1]).resolve("cascata").resolve("class-archives"));
                }
            }
        } catch (InvalidPathException e) {
            // no usable cache
        }
        return Optional.empty();
    }
}
