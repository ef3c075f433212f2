package io.cascata.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import io.cascata.examples.PipelineProcess.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input as a new user gives it, each run as its own process in a fresh working directory:
 * the documented exit code (README "Exit codes"), a message that names what is wrong, no stack
 * trace on standard error, and nothing written (the working directory holds what it held
 * before, byte for byte, but for the run's own record in the run history: a run that got as far
 * as the driver is recorded, failures included, which is what the history is for).
 */
class BadInputTest {

    /** Where the run history goes by default, under the default workspace. */
    private static final String HISTORY_PARENT = io.cascata.core.targets.Workspace.DEFAULT_ROOT;
    private static final String HISTORY = HISTORY_PARENT + "/" + io.cascata.core.history.HistorySettings.DEFAULT_NAME;

    /** A family with a boolean parameter, for the boolean cases. */
    record BadInputFlag(@Param(value = "shout", defaultValue = "false") boolean loud,
            @Param(value = "where to write", defaultValue = "flag.txt") String file) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(file);
        }

        @Override
        public void run() throws IOException {
            output().writeText("loud=" + loud);
        }
    }

    /** What the working directory holds before the run. */
    @FunctionalInterface
    interface Setup {
        void prepare(Path dir) throws IOException;
    }

    /**
     * One bad input.
     *
     * @param name what it is, for the test's display name
     * @param setup files the working directory holds first
     * @param code the exit code expected
     * @param args the command line
     * @param errNames what standard error must mention
     * @param outNames what standard output (the summary) must mention
     */
    record Case(String name, Setup setup, int code, List<String> args, List<String> errNames, List<String> outNames) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w.$/]+\\(|^Caused by: |Exception in thread");

    @TempDir
    Path dir;

    private static Case usage(String name, List<String> args, String... mentions) {
        return new Case(name, d -> { }, 2, args, List.of(mentions), List.of());
    }

    private static Case usage(String name, Setup setup, List<String> args, String... mentions) {
        return new Case(name, setup, 2, args, List.of(mentions), List.of());
    }

    private static Setup file(String path, String text) {
        return d -> {
            Path p = d.resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
        };
    }

    private static Setup bytes(String path, byte[] content) {
        return d -> {
            Path p = d.resolve(path);
            Files.createDirectories(p.getParent());
            Files.write(p, content);
        };
    }

    private static Setup directory(String path) {
        return d -> Files.createDirectories(d.resolve(path));
    }

    private static byte[] truncatedGzip() throws IOException {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(buffer)) {
            gz.write("Hello world, and a little more text to compress".getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = buffer.toByteArray();
        return java.util.Arrays.copyOf(all, all.length / 2);
    }

    static Stream<Case> cases() throws IOException {
        byte[] cut = truncatedGzip();
        int nobody = freePort();
        return Stream.of(
                // the command line
                usage("a parameter given twice", List.of("FanIn", "--n", "10", "--n", "20"), "--n", "more than once"),
                usage("a parameter given twice under two spellings", List.of("FanIn", "--n", "10", "--FanIn-n", "20"),
                        "parameter 'n'", "twice"),
                usage("an option given twice", List.of("--workers", "2", "--workers", "3", "FanIn", "--n", "10"),
                        "--workers", "more than once"),
                usage("an unknown task family", List.of("Bogus"), "'Bogus'"),
                usage("help for an unknown task family", List.of("Bogus", "--help"), "'Bogus'"),
                usage("an unknown option", List.of("FanIn", "--n", "10", "--nosuch", "1"), "'--nosuch'"),
                usage("a required parameter missing", List.of("FanIn"), "task FanIn", "parameter 'n'"),
                usage("a number that is not one", List.of("FanIn", "--n", "ten"), "parameter 'n'", "'ten'"),
                usage("a boolean parameter given a word it cannot read", List.of("BadInputFlag", "--loud", "maybe"),
                        "parameter 'loud'", "'maybe'"),
                usage("a boolean parameter given a bad value with =", List.of("BadInputFlag", "--loud=maybe"),
                        "--loud", "maybe"),
                // settings
                usage("a negative retry count", List.of("FanIn", "--n", "10", "--retry-count", "-1"), "--retry-count", "'-1'"),
                usage("no workers", List.of("FanIn", "--n", "10", "--workers", "0"), "--workers", "'0'"),
                usage("a parallelism of 0", List.of("TopWords", "--input", "in.txt", "--output", "o.txt", "--parallelism", "0"),
                        "--parallelism", "'0'"),
                usage("an unknown log level", List.of("FanIn", "--n", "10", "--log-level", "LOUD"), "LOUD"),
                usage("a namenode that is not a URI", List.of("FanIn", "--n", "10", "--namenode", "::bad::"),
                        "namenode", "'::bad::'"),
                usage("a namenode without a scheme", List.of("FanIn", "--n", "10", "--namenode", "localhost:9820"),
                        "namenode", "hdfs://localhost:9820"),
                usage("a lock directory that is a file", file("locks", "not a directory"),
                        List.of("FanIn", "--n", "10", "--lock-dir", "locks"), "lock directory locks", "is a file"),
                usage("a lock directory under a file", file("locks", "not a directory"),
                        List.of("FanIn", "--n", "10", "--lock-dir", "locks/mine"), "lock directory locks/mine", "a file"),
                // config files
                usage("a config file that is not INI", file("notini.cfg", "just some text\nand more\n"),
                        List.of("--config", "notini.cfg", "FanIn", "--n", "10"), "notini.cfg", "line 1", "'just some text'"),
                usage("a config file with keys before any section", file("early.cfg", "# settings\nworkers=2\n[core]\n"),
                        List.of("--config", "early.cfg", "FanIn", "--n", "10"), "early.cfg", "line 2", "before any [section]"),
                usage("a config file with a broken section header", file("broken.cfg", "[core]\nworkers=1\n[beam\n"),
                        List.of("--config", "broken.cfg", "FanIn", "--n", "10"), "broken.cfg", "line 3", "'[beam'"),
                usage("a config file that is binary", bytes("binary.cfg", cut),
                        List.of("--config", "binary.cfg", "FanIn", "--n", "10"), "binary.cfg", "not UTF-8"),
                usage("a config path that is a directory", directory("conf.d"),
                        List.of("--config", "conf.d", "FanIn", "--n", "10"), "conf.d", "is a directory"),
                usage("a config file that does not exist", List.of("--config", "nope.cfg", "FanIn", "--n", "10"),
                        "nope.cfg", "does not exist"),
                usage("a bad namenode in the config file", file("cascata.cfg", "[hdfs]\nnamenode=::bad::\n"),
                        List.of("FanIn", "--n", "10"), "cascata.cfg", "[hdfs]", "'::bad::'"),
                usage("a bad number in the config file", file("cascata.cfg", "[core]\nworkers=many\n"),
                        List.of("FanIn", "--n", "10"), "cascata.cfg", "[core]", "'many'"),
                usage("an unknown runner in the config file", file("cascata.cfg", "[beam]\nrunner=Sparkle\n"),
                        List.of("FanIn", "--n", "10"), "cascata.cfg", "'runner'", "'Sparkle'"),
                // task parameters
                usage("a negative duration", List.of("TimedHello", "--work", "PT-1S"), "parameter 'work'", "'PT-1S'", "negative"),
                usage("a duration that is not one", List.of("TimedHello", "--work", "-5s"), "parameter 'work'", "'-5s'"),
                usage("a task's own check of a parameter", List.of("TopWords", "--input", "in.txt", "--output", "o.txt", "--top", "0"),
                        "task TopWords", "parameter 'top'", "'0'"),
                usage("a task's own check in its constructor", List.of("FanIn", "--n", "15"), "task FanIn", "parameter 'n'", "'15'"),
                usage("an empty output path", List.of("TopWords", "--input", "in.txt", "--output", ""), "TopWords", "output=",
                        "empty"),
                // inputs and outputs
                new Case("an output path that is a directory", directory("report.txt"), 35,
                        List.of("TopWords", "--input", "in.txt", "--output", "report.txt"), List.of("report.txt", "is a directory"),
                        List.of("failed scheduling", "report.txt: is a directory")),
                new Case("a missing input", d -> { }, 20, List.of("TopWords", "--input", "nope.txt", "--output", "o.txt"),
                        List.of("nope.txt"), List.of("missing: nope.txt")),
                new Case("a corrupt gzip input", bytes("output/hello_world.gz", cut), 30, List.of("ReadGZip"),
                        List.of("output/hello_world.gz", "not valid gzip"), List.of("output/hello_world.gz", "not valid gzip")),
                new Case("a gzip input that is plain text", file("output/hello_world.gz", "Hello world"), 30, List.of("ReadGZip"),
                        List.of("output/hello_world.gz", "not valid gzip"), List.of("output/hello_world.gz")),
                new Case("a corrupt JSON object", file("output/hello_world.json", "{\"a\": [1, 2"), 30, List.of("ReadObject"),
                        List.of("output/hello_world.json", "not valid JSON at line 1"), List.of("output/hello_world.json")),
                new Case("outputs under a path that is a file", file("blocked", "a file where a directory should be"), 30,
                        List.of("FanIn", "--n", "20", "--dir", "blocked/fanin"), List.of("blocked"),
                        List.of("20 tasks with the same cause")),
                // what does not answer
                new Case("no Flink cluster answering", d -> { }, 30,
                        List.of("TopWords", "--input", "in.txt", "--output", "o.txt", "--flink-master", "127.0.0.1:" + nobody),
                        List.of("no Flink cluster answers at 127.0.0.1:" + nobody), List.of("CountWords")),
                new Case("no NameNode answering", d -> { }, 35,
                        List.of("TopWords", "--input", "hdfs://127.0.0.1:" + nobody + "/in.txt", "--output", "o.txt"),
                        List.of("hdfs://127.0.0.1:" + nobody + "/in.txt", "cannot reach the NameNode"),
                        List.of("failed scheduling")));
    }

    /** A port nothing listens on: one the system just gave out and took back. */
    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsOneClearErrorWithItsExitCodeAndWritesNothing(Case c) throws Exception {
        Files.writeString(dir.resolve("in.txt"), "alpha beta alpha\n", StandardCharsets.UTF_8);
        c.setup().prepare(dir);
        Map<String, String> before = contents(dir);

        Result r = PipelineProcess.run(dir, c.args().toArray(String[]::new));

        String shown = "exit " + r.exitCode() + "\nstderr:\n" + r.err() + "\nstdout:\n" + r.out();
        assertEquals(c.code(), r.exitCode(), shown);
        for (String name : c.errNames()) {
            assertTrue(r.err().contains(name), "stderr names " + name + "\n" + shown);
        }
        for (String name : c.outNames()) {
            assertTrue(r.out().contains(name), "the summary names " + name + "\n" + shown);
        }
        assertFalse(STACK_FRAME.matcher(r.err()).find(), "no stack trace on stderr\n" + shown);
        assertTrue(r.err().lines().count() <= 25, "at most one line per failed task\n" + shown);
        assertEquals(before, contents(dir), "nothing written\n" + shown);
    }

    /** Every file under the directory with its content, but what the test harness and the run history write. */
    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                String name = root.relativize(p).toString();
                if (name.equals(".stdout") || name.equals(".stderr") || name.equals(HISTORY_PARENT)
                        || name.startsWith(HISTORY + "/") || name.equals(HISTORY)) {
                    continue;
                }
                all.put(name, Files.isDirectory(p) ? "(directory)" : java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
            }
        }
        return all;
    }
}
