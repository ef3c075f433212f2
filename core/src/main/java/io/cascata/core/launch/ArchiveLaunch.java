package io.cascata.core.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * Runs {@code java [options] -jar pipeline.jar ...} in a second JVM that maps the jar's class
 * archive ({@link ClassArchive}), because a JVM's options come before the jar and so cannot be
 * set from inside it. The first run of a jar's build that runs tasks and succeeds saves the
 * archive (a few seconds more, once); later runs start with the jar's classes loaded.
 *
 * <p>This process stays as the launcher: the second JVM gets the same command line, environment,
 * working directory and standard streams; this process forwards SIGINT and SIGTERM to it and
 * exits with its exit code. The second JVM ends at once if this one is killed
 * ({@link LaunchedRun}).
 *
 * <p>{@code CASCATA_CLASS_ARCHIVE=off} runs in this process instead, as does a run started any
 * other way than {@code -jar}, a command line that sets class data sharing itself, and a JVM
 * that could not save an archive before.
 */
public final class ArchiveLaunch {

    /** The environment variable that turns the archive on ({@code auto}, the default) or {@code off}. */
    public static final String SWITCH = "CASCATA_CLASS_ARCHIVE";

    private static final int USAGE = 2;
    private static final long FORWARD_WAIT_SECONDS = 10;
    private static final List<String> OWN_SHARING_OPTIONS = List.of("-Xshare:", "-XX:SharedArchiveFile",
            "-XX:ArchiveClassesAtExit", "-XX:+AutoCreateSharedArchive", "-XX:DumpLoadedClassList",
            "-XX:SharedClassListFile");

    private ArchiveLaunch() {
    }

    /**
     * Runs the program in a JVM with the class archive, when this process should; returns that
     * JVM's exit code, or empty when this process runs the program itself.
     */
    public static OptionalInt relaunch(Map<String, String> environment, PrintStream err) {
        if (LaunchedRun.isLaunched()) {
            return OptionalInt.empty();
        }
        String choice = environment.getOrDefault(SWITCH, "auto");
        if (choice.equals("off")) {
            return OptionalInt.empty();
        }
        if (!choice.equals("auto")) {
            err.println("error: " + SWITCH + " is '" + choice + "'; expected auto (the default) or off");
            return OptionalInt.of(USAGE);
        }
        Optional<List<String>> arguments = ProcessHandle.current().info().arguments().map(Arrays::asList);
        Optional<Path> jar = thisJar();
        if (arguments.isEmpty() || jar.isEmpty()) {
            return OptionalInt.empty();
        }
        int jarOption = arguments.get().indexOf("-jar");
        if (jarOption < 0 || jarOption + 1 >= arguments.get().size()
                || !sameFile(arguments.get().get(jarOption + 1), jar.get())
                || setsSharingItself(arguments.get().subList(0, jarOption))) {
            return OptionalInt.empty();
        }
        Optional<Path> directory = cacheDirectory(environment);
        if (directory.isEmpty()) {
            return OptionalInt.empty();
        }
        ClassArchive archive;
        try {
            Files.createDirectories(directory.get());
            archive = ClassArchive.of(directory.get(), jar.get(),
                    System.getProperty("java.home") + "|" + System.getProperty("java.vm.version"));
        } catch (IOException | RuntimeException cannotKeepOne) {
            return OptionalInt.empty();
        }
        if (archive.saved()) {
            return OptionalInt.of(run(archive, false, arguments.get(), err));
        }
        if (archive.cannotBeSaved()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(run(archive, true, arguments.get(), err));
    }

    private static int run(ClassArchive archive, boolean saving, List<String> arguments, PrintStream err) {
        long pid = ProcessHandle.current().pid();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(saving ? "-XX:ArchiveClassesAtExit=" + archive.saving(pid) : "-XX:SharedArchiveFile=" + archive.file());
        // A class the archive cannot hold is only left out of it: that is no news to the run's output.
        command.add("-Xlog:cds=off,cds+dynamic=off");
        command.add("-D" + LaunchedRun.PROPERTY + "=" + (saving ? archive.ran(pid) : LaunchedRun.USING));
        command.addAll(arguments);
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            err.println("error: cannot start the JVM that runs the pipeline (" + command.get(0) + "): " + e.getMessage()
                    + "; " + SWITCH + "=off runs it in this process");
            return 1;
        }
        forwardSignals(child);
        int exitCode = waitFor(child);
        if (saving) {
            try {
                archive.finishSaving(pid, exitCode == 0);
            } catch (IOException e) {
                err.println("warning: the class archive for this jar was not saved: " + e);
            }
        }
        return exitCode;
    }

    private static int waitFor(Process child) {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                // Nothing here interrupts this thread; the run's end is what ends the wait.
            }
        }
    }

    /** Hands SIGINT and SIGTERM to the run, which cancels itself as it would in this process. */
    private static void forwardSignals(Process child) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> forward(signal, child));
            } catch (IllegalArgumentException ignoredByThisJvm) {
                // The run inherited the same disposition (-Xrs, or SIGINT ignored in the background).
            }
        }
    }

    private static void forward(Signal signal, Process child) {
        if (signal.getName().equals("TERM")) {
            child.destroy();
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal.getName(), Long.toString(child.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor(FORWARD_WAIT_SECONDS, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        } catch (IOException | InterruptedException noKillCommand) {
            // SIGTERM below stops the run the same orderly way, reported as SIGTERM.
        }
        child.destroy();
    }

    private static boolean setsSharingItself(List<String> jvmOptions) {
        return jvmOptions.stream().anyMatch(option -> OWN_SHARING_OPTIONS.stream().anyMatch(option::startsWith));
    }

    private static boolean sameFile(String named, Path jar) {
        try {
            return Files.isSameFile(Path.of(System.getProperty("user.dir")).resolve(named), jar);
        } catch (IOException | InvalidPathException e) {
            return false;
        }
    }

    private static Optional<Path> thisJar() {
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

    /** {@code $XDG_CACHE_HOME/cascata/class-archives}, else {@code ~/.cache/cascata/class-archives}. */
    private static Optional<Path> cacheDirectory(Map<String, String> environment) {
        try {
            String xdg = environment.get("XDG_CACHE_HOME");
            Path base = xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                    : Path.of(System.getProperty("user.home"), ".cache");
            return Optional.of(base.resolve("cascata").resolve("class-archives"));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
