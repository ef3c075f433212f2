package io.cascata.testing;

import io.cascata.core.Task;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.param.ParameterSources;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RetCodes;
import io.cascata.core.targets.LocalStorage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that gives each test its own directory and runs pipelines in it.
 *
 * <pre>{@code
 * @RegisterExtension
 * final PipelineTester pipeline = new PipelineTester();
 *
 * @Test
 * void reportIsWritten() {
 *     RunOutcome outcome = pipeline.run(new Report("in.txt")).assertSucceeded();
 *     assertEquals(TaskState.COMPLETED, outcome.state(new Report("in.txt")));
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link #run} runs a task graph in-process on a driver of its own, with the workspace
 *       ({@code Workspace.path}, {@code Workspace.file}, {@code Workspace.directory}) under the
 *       test's directory and the run lock there too;
 *   <li>{@link #stage} runs one Beam stage on inputs given in memory, on the runner asked for;
 *   <li>{@link #commandLine} runs {@code CascataMain} as its own process with the test's class path
 *       and the test's directory as its working directory, so relative paths such as
 *       {@code output/report.txt} land there: the real exit code, standard output and error.
 * </ul>
 *
 * The directory is deleted after the test. Nothing here changes process-wide state: the config of
 * each in-process run belongs to its driver.
 */
public final class PipelineTester implements BeforeEachCallback, AfterEachCallback {

    private final Map<String, Map<String, String>> config = new LinkedHashMap<>();
    private Duration processTimeout = Duration.ofMinutes(5);
    private Path directory;

    /** A tester for the tests of one class; register it with {@code @RegisterExtension}. */
    public PipelineTester() {
    }

    /**
     * Adds a config value for the in-process runs of each test, as {@code [section] key=value} in
     * a config file would: {@code config("core", "workers", "2")}.
     */
    public PipelineTester config(String section, String key, String value) {
        config.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    /** How long {@link #commandLine} waits for its process before failing the test (default 5 minutes). */
    public PipelineTester processTimeout(Duration timeout) {
        this.processTimeout = timeout;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("cascata-test-").toRealPath();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (directory != null) {
            deleteTree(directory);
            directory = null;
        }
    }

    /** The test's own directory: the working directory of {@link #commandLine}, the parent of the workspace. */
    public Path directory() {
        if (directory == null) {
            throw new IllegalStateException("no test is running: register the tester with @RegisterExtension");
        }
        return directory;
    }

    /** A path in the test's directory, as a string for task parameters. */
    public String path(String relative) {
        return directory().resolve(relative).toString();
    }

    /** Writes a text file in the test's directory (parents created) and returns its path. */
    public String writeFile(String relative, String text) {
        Path file = directory().resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toString();
    }

    /** Reads a text file of the test's directory, such as what a command line wrote at a relative path. */
    public String readFile(String relative) {
        try {
            return Files.readString(directory().resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The workspace root of in-process runs: {@code workspace} in the test's directory. */
    public String workspace() {
        return path("workspace");
    }

    /** The config of in-process runs: the workspace in the test's directory, then what {@link #config} added. */
    public CascataConfig runConfig(Map<String, Map<String, String>> extra) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        sections.put("core", new LinkedHashMap<>(Map.of("workspace", workspace())));
        for (Map<String, Map<String, String>> layer : List.of(config, extra)) {
            layer.forEach((section, values) -> sections.computeIfAbsent(section, s -> new LinkedHashMap<>()).putAll(values));
        }
        return CascataConfig.of(sections, System::getenv);
    }

    /** Runs a task graph in-process to its end and returns what happened; a failed task does not throw. */
    public RunOutcome run(Task... roots) {
        return run(Map.of(), roots);
    }

    /** Runs a task graph with config values for this run only, laid over the tester's. */
    public RunOutcome run(Map<String, Map<String, String>> extraConfig, Task... roots) {
        return run(sources(extraConfig), roots);
    }

    /** The parameter sources of one in-process run: no command line, the run's config. */
    ParameterSources sources(Map<String, Map<String, String>> extraConfig) {
        return new ParameterSources(Map.of(), runConfig(extraConfig));
    }

    RunOutcome run(ParameterSources sources, Task... roots) {
        Driver driver = Driver.builder().parameterSources(sources).lockDirectory(directory().resolve(".locks")).build();
        return new RunOutcome(driver.run(roots), RetCodes.from(sources.config()), sources);
    }

    /**
     * A task's output as in-process runs see it (its {@code Workspace} paths under the test's
     * workspace), for a test that prepares or inspects outputs outside a run.
     */
    @SuppressWarnings("unchecked")
    public <T> T output(Task task) {
        try (ParameterSources.Scope scope = ParameterSources.use(sources(Map.of()))) {
            return (T) task.output();
        }
    }

    /** Starts a test of one Beam stage: give its inputs, then run it {@link StageRun#on on a runner}. */
    public StageRun stage(Task stage) {
        return new StageRun(this, stage);
    }

    /**
     * Runs the command line ({@code io.cascata.core.cli.CascataMain}) as its own process, with
     * the test's class path, in the test's directory, without {@code CASCATA_CONFIG} from the
     * environment: as a user runs {@code java -jar my-pipeline.jar ARGS}.
     */
    public CommandLineOutcome commandLine(String... args) {
        return commandLine(Map.of(), args);
    }

    /** Runs the command line as a process with extra environment variables. */
    public CommandLineOutcome commandLine(Map<String, String> environment, String... args) {
        // Surefire and Failsafe may start tests through a manifest-only jar; they publish the real class path.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The process puts its temporary files (Flink's among them) where the test's JVM puts its own.
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        command.add("-cp");
        command.add(classPath);
        command.add("io.cascata.core.cli.CascataMain");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory().toFile());
        builder.environment().remove("CASCATA_CONFIG");
        builder.environment().putAll(environment);
        try {
            // Output goes to files, not pipes: a chatty process never blocks on a full pipe.
            Path streams = Files.createTempDirectory(directory(), ".process-");
            File out = streams.resolve("stdout").toFile();
            File err = streams.resolve("stderr").toFile();
            Process process = builder.redirectOutput(out).redirectError(err).start();
            if (!process.waitFor(processTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("the command line did not finish in " + processTimeout + ": " + String.join(" ", args));
            }
            CommandLineOutcome outcome = new CommandLineOutcome(process.exitValue(),
                    Files.readString(out.toPath(), StandardCharsets.UTF_8), Files.readString(err.toPath(), StandardCharsets.UTF_8));
            deleteTree(streams);
            return outcome;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the command line", e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        LocalStorage.INSTANCE.delete(root.toString());
    }
}
