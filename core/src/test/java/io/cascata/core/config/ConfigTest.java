package io.cascata.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Task;
import io.cascata.core.cli.CascataCommand;
import io.cascata.core.run.RetCodes;
import io.cascata.core.settings.CoreSettings;
import io.cascata.core.settings.Settings;
import io.cascata.core.targets.LocalTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The INI config: environment references, errors that name the variable, section and key, and a missing file. */
class ConfigTest {

    /** Writes its text parameter to its path parameter. */
    record CfgEcho(String path, String text) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(path);
        }

        @Override
        public void run() throws IOException {
            output().writeText(text);
        }
    }

    @TempDir
    Path tmp;

    private static final Function<String, String> ENV = Map.of(
            "DATA_HOME", "/data/home",
            "USER_NAME", "ada",
            "EMPTY", "")::get;

    private Path file(String text) throws IOException {
        Path f = tmp.resolve("test.cfg");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsSectionsAndInterpolatesBothReferenceStyles() throws IOException {
        Path f = file("""
                [core]
                workspace = %(DATA_HOME)s/workspace
                workers = 3

                [CfgTask]
                input-path = ${DATA_HOME}/in.txt
                greeting = hello %(USER_NAME)s and ${USER_NAME}
                discount = 100%%
                plain = no references here
                empty = x${EMPTY}y
                """);
        CascataConfig config = CascataConfig.read(f, ENV);

        assertEquals(Optional.of("/data/home/workspace"), config.get("core", "workspace"));
        assertEquals(3, Settings.read(CoreSettings.class, config).workers());
        assertEquals(Optional.of("/data/home/in.txt"), config.get("CfgTask", "input-path"));
        assertEquals(Optional.of("/data/home/in.txt"), config.get("CfgTask", "input_path"), "any spelling of the key");
        assertEquals(Optional.of("/data/home/in.txt"), config.get("CfgTask", "inputPath"));
        assertEquals(Optional.of("hello ada and ada"), config.get("CfgTask", "greeting"));
        assertEquals(Optional.of("100%"), config.get("CfgTask", "discount"));
        assertEquals(Optional.of("no references here"), config.get("CfgTask", "plain"));
        assertEquals(Optional.of("xy"), config.get("CfgTask", "empty"));
        assertEquals(Optional.empty(), config.get("CfgTask", "absent"));
        assertEquals(Optional.empty(), config.get("NoSection", "greeting"));
    }

    @Test
    void anUnsetVariableNamesTheVariableTheSectionAndTheKey() throws IOException {
        Path f = file("""
                [core]
                workers = 2

                [CfgTask]
                output-dir = %(NOT_SET_ANYWHERE)s/out
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> CascataConfig.read(f, ENV));
        String m = e.getMessage();
        assertTrue(m.contains("NOT_SET_ANYWHERE"), m);
        assertTrue(m.contains("[CfgTask]"), m);
        assertTrue(m.contains("output-dir"), m);
        assertTrue(m.contains(f.toString()), "names the file: " + m);

        ConfigException shell = assertThrows(ConfigException.class,
                () -> CascataConfig.of(Map.of("core", Map.of("workspace", "${ALSO_UNSET}/ws")), ENV));
        assertTrue(shell.getMessage().contains("ALSO_UNSET") && shell.getMessage().contains("[core]")
                && shell.getMessage().contains("workspace"), shell.getMessage());
    }

    @Test
    void theEnvironmentComesFromTheGivenFunctionOnly() throws IOException {
        Path f = file("[CfgTask]\nhome = ${HOME}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> CascataConfig.read(f, name -> null));
        assertTrue(e.getMessage().contains("HOME"), e.getMessage());
        assertEquals(Optional.of("/elsewhere"), CascataConfig.read(f, Map.of("HOME", "/elsewhere")::get).get("CfgTask", "home"));
    }

    @Test
    void aNonIntegerValueIsAnErrorNamingIt() throws IOException {
        CascataConfig config = CascataConfig.read(file("[retcode]\ntask_failed = three\n"), ENV);
        ConfigException e = assertThrows(ConfigException.class, () -> RetCodes.from(config));
        assertTrue(e.getMessage().contains("[retcode]") && e.getMessage().contains("task_failed")
                && e.getMessage().contains("three"), e.getMessage());
    }

    @Test
    void aMissingFileIsAnError() {
        Path missing = tmp.resolve("nope.cfg");
        ConfigException e = assertThrows(ConfigException.class, () -> CascataConfig.read(missing, ENV));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertThrows(ConfigException.class, () -> CascataConfig.locate(Optional.of(missing), ENV));
    }

    private record Cli(int code, String out, String err) {
    }

    private Cli cli(Function<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new CascataCommand(o, e, env).execute(args);
        }
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theCommandLineReadsTheConfigFileIntoTaskParameters() throws IOException {
        Path out = tmp.resolve("echo.txt");
        Path f = file("[CfgEcho]\npath = " + out + "\ntext = hi %(USER_NAME)s\n");
        Cli r = cli(ENV, "--config", f.toString(), "CfgEcho", "--no-lock");
        assertEquals(0, r.code(), r.err());
        assertEquals("hi ada", Files.readString(out));
    }

    @Test
    void theCommandLineExitsTwoForAMissingConfigFile() throws IOException {
        Path missing = tmp.resolve("missing.cfg");
        Path out = tmp.resolve("echo.txt");
        Cli r = cli(ENV, "--config", missing.toString(), "CfgEcho", "--path", out.toString(), "--text", "x",
                "--no-lock");
        assertEquals(2, r.code());
        assertTrue(r.err().contains(missing.toString()), r.err());
        assertTrue(r.err().contains("does not exist"), r.err());
        assertTrue(!Files.exists(out), "nothing ran");

        Cli bad = cli(name -> null, "--config", file("[CfgEcho]\ntext = ${NOPE}\n").toString(), "CfgEcho",
                "--path", out.toString(), "--no-lock");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("NOPE"), bad.err());
        assertTrue(!Files.exists(out), "nothing ran");
    }

    @Test
    void theConfigFileCanBeNamedByTheEnvironment() throws IOException {
        Path missing = tmp.resolve("from-env.cfg");
        Function<String, String> env = name -> name.equals(CascataConfig.CONFIG_ENV) ? missing.toString() : null;
        ConfigException e = assertThrows(ConfigException.class, () -> CascataConfig.locate(Optional.empty(), env));
        assertTrue(e.getMessage().contains(missing.toString()));

        Files.writeString(missing, "[core]\nworkers = 4\n");
        assertEquals(4, Settings.read(CoreSettings.class, CascataConfig.locate(Optional.empty(), env)).workers());
    }
}
