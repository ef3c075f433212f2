package io.cascata.examples;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Cascata command line started as its own process and left running, so that a test can
 * signal it (SIGTERM, SIGINT) while it works, then read its exit code and what it printed.
 * Started as {@link PipelineProcess} starts it; closing it kills a process still running.
 */
final class RunningPipeline implements AutoCloseable {

    private final Process process;
    private final Path out;
    private final Path err;

    private RunningPipeline(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static RunningPipeline start(Path workDir, String... args) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        command.add("-cp");
        command.add(classPath);
        command.add("io.cascata.core.cli.CascataMain");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().remove("CASCATA_CONFIG");
        File outFile = workDir.resolve(".stdout").toFile();
        File errFile = workDir.resolve(".stderr").toFile();
        builder.redirectOutput(outFile).redirectError(errFile);
        return new RunningPipeline(builder.start(), outFile.toPath(), errFile.toPath());
    }

    long pid() {
        return process.pid();
    }

    /** Sends a signal by name (INT, TERM) with kill(1). */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
        }
    }

    /**
     * Whether the process ignores SIGINT, as a process started in the background of a
     * non-interactive shell does (the shell asks it to, and the JVM keeps to that). Read from
     * /proc; false where there is none.
     */
    boolean ignoresSigint() throws IOException {
        Path status = Path.of("/proc", Long.toString(pid()), "status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return (mask & (1L << (2 - 1))) != 0; // SIGINT is signal 2
            }
        }
        return false;
    }

    /** SIGTERM, as Process.destroy() sends it. */
    void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; false when it is still running after the timeout. */
    boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit);
    }

    int exitCode() {
        return process.exitValue();
    }

    String out() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
