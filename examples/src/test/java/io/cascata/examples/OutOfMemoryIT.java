package io.cascata.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pipeline.jar in a JVM too small for its embedded Flink stage: the run says out of memory (not
 * the InaccessibleObjectException Flink hits when the JVM does not open java.lang to it, which
 * the jar's manifest now does) and writes no report.
 */
class OutOfMemoryIT {

    private static final Path JAR = Path.of("target/pipeline.jar").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void aJvmOutOfMemoryIsReportedAsOutOfMemory() throws Exception {
        Files.writeString(dir.resolve("in.txt"), "alpha beta alpha\n", StandardCharsets.UTF_8);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx96m",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-jar", JAR.toString(),
                "TopWords", "--input", "in.txt", "--output", "report.txt");
        File out = dir.resolve(".out").toFile();
        File err = dir.resolve(".err").toFile();
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out).redirectError(err).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("pipeline did not finish: " + command);
        }
        String stdout = Files.readString(out.toPath());
        String stderr = Files.readString(err.toPath());
        String shown = "stdout:\n" + stdout + "\nstderr:\n" + stderr;

        assertEquals(30, p.exitValue(), shown);
        assertTrue(stdout.contains("[failed: out of memory (OutOfMemoryError"), shown);
        assertTrue(stderr.lines().anyMatch(l -> l.contains("ERROR Scheduler - CountWords(input=in.txt) failed (attempt 1): "
                + "out of memory")), shown);
        assertFalse(stderr.contains("InaccessibleObjectException"), shown);
        assertFalse(Files.exists(dir.resolve("report.txt")), "no report\n" + shown);
    }
}
