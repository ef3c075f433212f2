package io.cascata.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the tests of {@code java -jar pipeline.jar}'s start share: the command line, a finished
 * run's exit code and output (written to {@code .out} and {@code .err} in its directory), and
 * SlowCopy's output, which they watch to signal a run once its task is writing.
 */
final class JarRuns {

    private JarRuns() {
    }

    /** What a finished run printed and returned. */
    record Result(int exitCode, String out, String err) {
        String shown() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    /** {@code java [-Djava.io.tmpdir of this test JVM] [jvmOptions] -jar JAR ARGS}. */
    static List<String> command(Path jar, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return command;
    }

    /** Runs {@code builder}'s command to its end (at most 180 s), its output redirected into {@code directory}. */
    static Result run(Path directory, ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("pipeline did not finish in 180 s: " + builder.command());
        }
        return finished(directory, process);
    }

    static Result finished(Path directory, Process process) throws IOException {
        return new Result(process.exitValue(), Files.readString(directory.resolve(".out"), StandardCharsets.UTF_8),
                Files.readString(directory.resolve(".err"), StandardCharsets.UTF_8));
    }

    /** The files in {@code directory/output}, hidden (staged) ones too. */
    static List<String> outputFiles(Path directory) throws IOException {
        Path output = directory.resolve("output");
        if (!Files.isDirectory(output)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(output)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** Waits, at most 60 s, until the run in {@code directory} stages a file in its output. */
    static void awaitStagedFile(Path directory, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (outputFiles(directory).stream().noneMatch(f -> f.startsWith("."))) {
            if (System.nanoTime() > deadline || process.waitFor(100, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the task never started writing: " + Files.readString(directory.resolve(".err")));
            }
        }
    }
}
