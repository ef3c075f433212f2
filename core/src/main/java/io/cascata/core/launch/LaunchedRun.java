package io.cascata.core.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The run's side of {@link ArchiveLaunch}: what the JVM that {@code ArchiveLaunch} started knows
 * of its launcher. It ends at once when the launcher is gone (killed with SIGKILL, say), as a
 * plain {@code java -jar} would have ended; and a run that saves the class archive says whether
 * it ran tasks and so loaded the classes worth keeping.
 */
public final class LaunchedRun {

    /** The system property the launcher sets: {@link #USING}, or the file a saving run makes when it ran tasks. */
    static final String PROPERTY = "cascata.class-archive.run";
    static final String USING = "using";

    /** The exit code of a run whose launcher was killed: that of a process SIGKILL ended. */
    private static final int LAUNCHER_KILLED = 128 + 9;

    private LaunchedRun() {
    }

    /** Whether this JVM was started by {@link ArchiveLaunch}. */
    public static boolean isLaunched() {
        return System.getProperty(PROPERTY) != null;
    }

    /** When this JVM was started by {@link ArchiveLaunch}: ends it at once when the launcher ends. */
    public static void endWithLauncher() {
        if (isLaunched()) {
            ProcessHandle.current().parent()
                    .ifPresent(launcher -> launcher.onExit().thenRun(() -> Runtime.getRuntime().halt(LAUNCHER_KILLED)));
        }
    }

    /** Tells a launcher saving the class archive that this run ran tasks and succeeded. */
    public static void ranTasks() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.equals(USING)) {
            return;
        }
        try {
            Files.createFile(Path.of(value));
        } catch (IOException e) {
            // The archive is then not kept; a later run saves it.
        }
    }
}
