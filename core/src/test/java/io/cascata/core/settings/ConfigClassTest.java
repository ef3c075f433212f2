package io.cascata.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.cli.CascataCommand;
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
 * A pipeline's own config class, as Luigi's {@code Config}: found through the index the
 * annotation processor writes, read from its section and the command line, checked before
 * anything runs, read by a task, and never listed or run as a task.
 */
class ConfigClassTest {

    @TempDir
    Path tmp;

    /** How the extract step batches its rows: [etl] batch-size= and --etl-batch-size. */
    @SettingsSection("etl")
    public record EtlSettings(
            @Setting(value = "rows the extract step reads per batch", defaultValue = "100", min = 1, option = "etl-batch-size") int batchSize,
            @Setting(value = "the region whose data is extracted", defaultValue = "eu", option = "etl-region") String region) {
    }

    /** Writes the settings it reads, so the test sees what a task sees. */
    record CfgReader(@Param("where the output goes") String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/settings.txt");
        }

        @Override
        public void run() throws IOException {
            EtlSettings etl = Settings.current(EtlSettings.class);
            output().writeText(etl.batchSize() + " " + etl.region());
        }
    }

    private String[] cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CascataCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), name -> null).execute(args);
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    private String written(String dir) throws IOException {
        return Files.readString(tmp.resolve(dir).resolve("settings.txt"));
    }

    @Test
    void theIndexListsTheConfigClass() {
        assertTrue(DeclaredSettings.load().groups().stream().anyMatch(g -> g.type() == EtlSettings.class));
        assertFalse(DeclaredSettings.modules().groups().stream().anyMatch(g -> g.type() == EtlSettings.class));
    }

    @Test
    void defaultsThenConfigThenCommandLine() throws IOException {
        String[] defaults = cli("CfgReader", "--dir", tmp.resolve("a").toString(), "--no-lock");
        assertEquals("0", defaults[0], defaults[2]);
        assertEquals("100 eu", written("a"));

        Path config = Files.writeString(tmp.resolve("etl.cfg"), "[etl]\nbatch_size=250\nregion=us\n");
        String[] fromConfig = cli("CfgReader", "--dir", tmp.resolve("b").toString(), "--config", config.toString(), "--no-lock");
        assertEquals("0", fromConfig[0], fromConfig[2]);
        assertEquals("250 us", written("b"));

        String[] fromCli = cli("CfgReader", "--dir", tmp.resolve("c").toString(), "--config", config.toString(),
                "--etl-batch-size", "7", "--no-lock");
        assertEquals("0", fromCli[0], fromCli[2]);
        assertEquals("7 us", written("c"));
    }

    @Test
    void badValuesStopTheRunNamingWhereTheyCameFrom() throws IOException {
        String[] cliValue = cli("CfgReader", "--dir", tmp.toString(), "--etl-batch-size", "0", "--no-lock");
        assertEquals("2", cliValue[0]);
        assertTrue(cliValue[2].startsWith("error: --etl-batch-size (int): cannot use value '0': must be at least 1\n"),
                cliValue[2]);
        Path config = Files.writeString(tmp.resolve("bad.cfg"), "[etl]\nbatch-size=lots\n");
        String[] configValue = cli("CfgReader", "--dir", tmp.toString(), "--config", config.toString(), "--no-lock");
        assertEquals("2", configValue[0]);
        assertEquals("error: config file " + config + ", section [etl], key 'batch-size' (int): cannot use value 'lots': "
                + "not a valid int\n", configValue[2]);
        assertFalse(Files.exists(tmp.resolve("settings.txt")));
    }

    @Test
    void aConfigClassIsNoTaskFamily() {
        String[] help = cli("--help");
        assertEquals("0", help[0]);
        assertTrue(help[1].contains("--etl-batch-size"), help[1]);
        assertFalse(help[1].contains("EtlSettings"), help[1]);
        String[] asFamily = cli("EtlSettings", "--no-lock");
        assertEquals("2", asFamily[0]);
        assertTrue(asFamily[2].startsWith("error: unknown task family 'EtlSettings'"), asFamily[2]);
    }
}
