package io.cascata.examples.leases;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A driver started as its own {@code java} process, as a user (or cron) starts one, running the
 * Cascata command line with this test class path; its output goes to files named after it.
 */
final class DriverProcess {

    private final Process process;
    private final Path out;
    private final Path err;

    private DriverProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static DriverProcess start(Path workDir, Path logs, String name, Map<String, String> environment, String... args)
            throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        command.add("-cp");
        command.add(classPath);
        command.add("io.cascata.core.cli.CascataMain");
        command.addAll(List.of(args));
        Files.createDirectories(workDir);
        Files.createDirectories(logs);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().remove("CASCATA_CONFIG");
        builder.environment().putAll(environment);
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new DriverProcess(builder.start(), out, err);
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the exit code; fails the test after the given time, ending the process. */
    int exitCode(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("driver did not end in " + seconds + " s:\n" + output());
        }
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Sends a signal by name ({@code STOP}, {@code CONT}). */
    void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /** Waits (up to a minute) until the driver has printed or logged a text; fails if it ends first. */
    void awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!output().contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' in: " + output());
            }
            Thread.sleep(50);
        }
    }

    String output() {
        try {
            return Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
