package io.cascata.examples;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Cascata command line as its own process, as a user does, in a given working
 * directory: the test sees the real exit code, standard output and standard error.
 */
final class PipelineProcess {

    private PipelineProcess() {
    }

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
    }

    static Result run(Path workDir, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")); // the test's own, under target/
        command.add("-cp");
        command.add(classPath);
        command.add("io.cascata.core.cli.CascataMain");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().remove("CASCATA_CONFIG");
        builder.environment().putAll(environment);
        File out = workDir.resolve(".stdout").toFile();
        File err = workDir.resolve(".stderr").toFile();
        builder.redirectOutput(out).redirectError(err);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("pipeline did not finish in 120 s: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        return run(workDir, Map.of(), args);
    }
}
