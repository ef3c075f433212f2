package io.cascata.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings of retries, timeouts and interruption on the command line and in the config: bad
 * values stop the run before anything runs (exit 2, one line naming the key), good ones reach
 * the driver.
 */
class AttemptSettingsTest {

    @TempDir
    Path tmp;

    /** Sleeps for a minute unless stopped, then writes its output. */
    record AtsSleep(@Param("where the output goes") String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/AtsSleep.txt");
        }

        @Override
        public void run() throws Exception {
            Thread.sleep(60_000);
            output().writeText("ran");
        }
    }

    private record Cli(int code, String out, String err) {
    }

    private Cli cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new CascataCommand(o, e, name -> null).execute(args);
        }
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void assertRefused(String key, String... args) {
        Cli cli = cli(args);
        assertEquals(2, cli.code(), cli.err());
        assertTrue(cli.err().contains(key), cli.err());
        assertEquals(1, cli.err().lines().filter(l -> l.startsWith("error:")).count(), cli.err());
        assertFalse(Files.exists(tmp.resolve("AtsSleep.txt")));
    }

    @Test
    void badValuesAreRefusedBeforeAnythingRuns() {
        String dir = tmp.toString();
        assertRefused("retry-delay", "AtsSleep", "--dir", dir, "--no-lock", "--retry-delay", "PT-1S");
        assertRefused("retry-delay", "AtsSleep", "--dir", dir, "--no-lock", "--retry-delay", "soon");
        assertRefused("task-timeout", "AtsSleep", "--dir", dir, "--no-lock", "--task-timeout", "0s");
        assertRefused("retry-backoff", "AtsSleep", "--dir", dir, "--no-lock", "--retry-backoff", "0.5");
        assertRefused("interrupt-grace", "AtsSleep", "--dir", dir, "--no-lock", "--interrupt-grace", "PT-5S");
        assertRefused("retry-max-delay", "AtsSleep", "--dir", dir, "--no-lock", "--retry-max-delay", "PT-1M");
    }

    @Test
    void theConfigsTaskTimeoutStopsTheTask() throws IOException {
        Path config = tmp.resolve("cascata.cfg");
        Files.writeString(config, "[core]\ntask-timeout=500ms\ninterrupt-grace=2s\n");

        Cli cli = cli("AtsSleep", "--dir", tmp.toString(), "--no-lock", "--config", config.toString());

        assertEquals(30, cli.code(), cli.err());
        assertTrue(cli.out().contains("* 1 timed out:\n        - 1 AtsSleep("), cli.out());
        assertFalse(Files.exists(tmp.resolve("AtsSleep.txt")));
    }
}
