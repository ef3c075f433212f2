package io.cascata.core.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The run's side of {@link ArchiveLaunch}: what the JVM that {@code ArchiveLaunch} started knows
 * of its launcher. It ends at once when the launcher is gone (killed with SIGKILL, say), as a
 * plain {@code java -jar} would have ended; and a run that saves the class archive tells the
 * launcher how it ended ({@link SavingRunEnd}).
 */
public final class LaunchedRun {

    /**
     * The system property the launcher sets: {@code LAUNCHER_PID}, then for a saving run a
     * space and the file its {@link SavingRunEnd} goes to.
     */
    static final String PROPERTY = "cascata.class-archive.run";

    /** The exit code of a run whose launcher was killed: that of a process SIGKILL ended. */
    private static final int LAUNCHER_KILLED = 128 + 9;
    private static final long WATCH_MILLIS = 200;

    private LaunchedRun() {
    }

    /** Whether this JVM was started by {@link ArchiveLaunch}. */
    public static boolean isLaunched() {
        return System.getProperty(PROPERTY) != null;
    }

    static String property(long launcherPid, Optional<Path> savingRunEnd) {
        return launcherPid + savingRunEnd.map(file -> " " + file).orElse("");
    }

    /**
     * When this JVM was started by {@link ArchiveLaunch}: ends it at once when the launcher is
     * gone, seen as this process no longer being the launcher's child (it was given to another
     * parent), checked every 200 ms on a daemon thread.
     */
    public static void endWithLauncher() {
        String value = System.getProperty(PROPERTY);
        if (value == null) {
            return;
        }
        long launcher;
        try {
            launcher = Long.parseLong(value.split(" ", 2)[0]);
        } catch (NumberFormatException notFromALauncher) {
            return;
        }
        if (!launcherIsParent(launcher)) {
            Runtime.getRuntime().halt(LAUNCHER_KILLED);
        }
        Thread watch = new Thread(() -> {
            while (launcherIsParent(launcher)) {
                try {
                    Thread.sleep(WATCH_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(LAUNCHER_KILLED);
        }, "cascata-launcher-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static boolean launcherIsParent(long launcher) {
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == launcher;
    }

    /**
     * Tells a launcher saving the class archive how this run ended, just before it exits;
     * {@code ranTasks} is asked only then.
     */
    public static void exiting(int exitCode, BooleanSupplier ranTasks) {
        String value = System.getProperty(PROPERTY);
        int space = value == null ? -1 : value.indexOf(' ');
        if (space < 0) {
            return;
        }
        try {
            new SavingRunEnd(exitCode, ranTasks.getAsBoolean()).write(Path.of(value.substring(space + 1)));
        } catch (IOException | RuntimeException e) {
            // The archive is then not kept; a later run saves it.
        }
    }
}
