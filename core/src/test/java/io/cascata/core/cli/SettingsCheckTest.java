package io.cascata.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.settings.CoreSettings;
import io.cascata.core.settings.DeclaredSettings;
import io.cascata.core.settings.SettingSpec;
import io.cascata.core.settings.SettingsGroup;
import io.cascata.core.targets.LocalTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every setting's value, from the command line or the config file, is checked before anything runs. */
class SettingsCheckTest {

    @TempDir
    Path tmp;

    /** Writes a file, so that a test sees whether it ran. */
    record SetProbe(@Param("where the output goes") String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/SetProbe.txt");
        }

        @Override
        public void run() throws IOException {
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

    private Path config(String text) throws IOException {
        Path file = tmp.resolve("cascata.cfg");
        Files.writeString(file, text);
        return file;
    }

    private Path output() {
        return tmp.resolve("out/SetProbe.txt");
    }

    private Cli probe(String... more) {
        String[] args = new String[more.length + 4];
        args[0] = "SetProbe";
        args[1] = "--dir";
        args[2] = tmp.resolve("out").toString();
        args[3] = "--no-lock";
        System.arraycopy(more, 0, args, 4, more.length);
        return cli(args);
    }

    @Test
    void aBadConfigValueExitsTwoNamingFileSectionKeyValueAndType() throws IOException {
        Path file = config("[core]\nworkers=many\n");
        Cli r = probe("--config", file.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("error: config file " + file + ", section [core], key 'workers' (int): cannot use value 'many': "
                + "not a valid int\n", r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(output()), "nothing ran");
    }

    @Test
    void aBadChoiceInTheConfigNamesTheChoices() throws IOException {
        Path file = config("[core]\nlog-level=LOUD\n");
        Cli r = probe("--config", file.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("config file " + file + ", section [core], key 'log-level': unknown value 'LOUD'; "
                + "use one of DEBUG, INFO, WARNING, ERROR, CRITICAL"), r.err());
        assertFalse(Files.exists(output()));
    }

    @Test
    void aBadExitCodeInTheConfigExitsTwo() throws IOException {
        Cli r = probe("--config", config("[retcode]\ntask_failed=three\n").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("section [retcode], key 'task_failed' (int): cannot use value 'three'"), r.err());
        assertFalse(Files.exists(output()));
    }

    @Test
    void aBadOptionValueNamesTheOptionAsGiven() {
        Cli words = probe("--workers", "many");
        assertEquals(2, words.code());
        assertTrue(words.err().startsWith("error: --workers (int): cannot use value 'many': not a valid int\n"), words.err());

        Cli zero = probe("--retryCount=-1");
        assertEquals(2, zero.code());
        assertTrue(zero.err().startsWith("error: --retryCount (int): cannot use value '-1': must be at least 0\n"), zero.err());
        assertFalse(Files.exists(output()));
    }

    @Test
    void theCommandLineWinsOverABadConfigValueOnlyAfterTheFileIsChecked() throws IOException {
        Cli r = probe("--config", config("[core]\nworkers=0\n").toString(), "--workers", "2");
        assertEquals(2, r.code(), "a bad value in the file is an error even when the command line sets the key");
        assertTrue(r.err().contains("key 'workers' (int): cannot use value '0': must be at least 1"), r.err());
    }

    @Test
    void bothSpellingsOfAnOptionWork() {
        assertEquals(0, probe("--retry-count", "1", "--log-level", "ERROR").code());
        assertEquals(0, probe("--retryCount", "1", "--logLevel=ERROR").code());
        assertTrue(Files.exists(output()));
    }

    @Test
    void aKeyNoSettingDeclaresIsAWarningAndTheRunGoesOn() throws IOException {
        Cli r = probe("--config", config("[core]\nworker=3\n").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: config file " + tmp.resolve("cascata.cfg") + ": no setting is named [core] worker"),
                r.err());
        assertTrue(Files.exists(output()));
    }

    @Test
    void helpShowsEveryCommandLineSettingWithItsDescriptionAndDefault() {
        Cli r = cli("--help");
        assertEquals(0, r.code());
        for (SettingSpec s : DeclaredSettings.load().commandLineSettings()) {
            String first = s.optionNames().get(0);
            String line = r.out().lines().filter(l -> l.trim().startsWith(first)).findFirst()
                    .orElseThrow(() -> new AssertionError(first + " not in\n" + r.out()));
            assertTrue((line + r.out()).contains(s.description().substring(0, 20)), line);
            s.defaultText().ifPresent(d -> assertTrue(r.out().contains("(default: " + d + ")"), first + " default " + d));
        }
        SettingSpec workers = SettingsGroup.of(CoreSettings.class).setting("workers");
        assertTrue(r.out().contains("--workers=N"), r.out());
        assertTrue(r.out().contains(workers.help()), r.out());
    }
}
