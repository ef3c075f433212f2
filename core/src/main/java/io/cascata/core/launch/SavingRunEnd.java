package io.cascata.core.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a run that saves the class archive tells its launcher as it exits: its own exit code, and
 * whether it ran tasks (only then are its classes worth keeping: a {@code --help} would leave
 * out Beam's and Flink's). The launcher compares the exit code with the process's: they differ
 * only when the JVM failed after the run, in writing the archive.
 *
 * @param exitCode the exit code the run chose
 * @param ranTasks whether the run ran at least one task and every task is complete
 */
record SavingRunEnd(int exitCode, boolean ranTasks) {

    void write(Path file) throws IOException {
        Files.writeString(file, exitCode + " " + ranTasks + "\n", StandardCharsets.UTF_8);
    }

    /** What the run wrote to {@code file}; empty when it wrote nothing or something unreadable. */
    static Optional<SavingRunEnd> read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException none) {
            return Optional.empty();
        }
        String[] parts = text.split(" ");
        try {
            return parts.length == 2 ? Optional.of(new SavingRunEnd(Integer.parseInt(parts[0]), Boolean.parseBoolean(parts[1])))
                    : Optional.empty();
        } catch (NumberFormatException torn) {
            return Optional.empty();
        }
    }
}
