package io.cascata.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.ExternalTask;
import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.TaskId;
import io.cascata.core.TestFiles;
import io.cascata.core.cli.CascataCommand;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.param.ParameterSources;
import io.cascata.core.targets.LocalTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes: the defaults, "highest applicable wins", [retcode] overrides, and 2 for bad command lines. */
class ExitCodeTest {

    @TempDir
    Path tmp;

    // ---- tasks -------------------------------------------------------------------------------

    record RcOk(@Param(significant = false) String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/RcOk.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("ok");
        }
    }

    record RcFail(@Param(significant = false) String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/RcFail.txt");
        }

        @Override
        public void run() {
            throw new IllegalStateException("RcFail fails");
        }
    }

    record RcExt(@Param(significant = false) String dir) implements ExternalTask {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/missing-input.csv");
        }
    }

    record RcBroken(@Param(significant = false) String dir) implements Task {
        @Override
        public Object requires() {
            throw new IllegalStateException("RcBroken is broken");
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/RcBroken.txt");
        }
    }

    /** Requires whichever of the problem tasks are named in {@code parts}. */
    record RcMixed(@Param(significant = false) String dir, List<String> parts) implements Task {
        @Override
        public List<Task> requires() {
            List<Task> out = new ArrayList<>();
            out.add(new RcOk(dir));
            for (String p : parts) {
                switch (p) {
                    case "fail" -> out.add(new RcFail(dir));
                    case "ext" -> out.add(new RcExt(dir));
                    case "broken" -> out.add(new RcBroken(dir));
                    default -> throw new IllegalArgumentException(p);
                }
            }
            return out;
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/RcMixed" + parts + ".txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("mixed");
        }
    }

    /** The command-line task: writes n to dir/RcCli.txt. */
    record RcCli(@Param("output directory") String dir, @Param("a number") int n) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/RcCli.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText(String.valueOf(n));
        }
    }

    record RcCliFail(@Param("output directory") String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/RcCliFail.txt");
        }

        @Override
        public void run() {
            throw new IllegalStateException("RcCliFail fails");
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private String dir() {
        return tmp.resolve("out").toAbsolutePath().toString();
    }

    private RunResult run(Task root) {
        return Driver.builder().build().run(root);
    }

    private static RunResult synthetic(TaskState... states) {
        List<TaskOutcome> outcomes = new ArrayList<>();
        int i = 0;
        for (TaskState s : states) {
            outcomes.add(new TaskOutcome(new TaskId("RcSynthetic", Map.of("i", String.valueOf(i++))), null, s,
                    s == TaskState.PENDING ? PendingReason.UPSTREAM_FAILURE : null, 0, Duration.ZERO, null, Map.of()));
        }
        return new RunResult(outcomes, Optional.empty(), Duration.ZERO);
    }

    private record Cli(int code, String out, String err) {
    }

    private Cli cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--lock-dir");
        all.add(tmp.resolve("locks").toString());
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new CascataCommand(o, e, name -> null).execute(all.toArray(String[]::new));
        }
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    // ---- defaults and precedence ---------------------------------------------------------------

    @Test
    void defaultsAreCascatasNonZeroCodes() {
        RetCodes d = RetCodes.defaults();
        assertEquals(10, d.alreadyRunning());
        assertEquals(20, d.missingData());
        assertEquals(25, d.notRun());
        assertEquals(30, d.taskFailed());
        assertEquals(35, d.schedulingError());
        assertEquals(40, d.unhandledException());
        assertEquals(2, RetCodes.USAGE);
    }

    @Test
    void eachRealOutcomeMapsToItsCode() {
        RetCodes codes = RetCodes.defaults();
        assertEquals(0, codes.exitCode(run(new RcOk(dir()))));
        assertEquals(0, codes.exitCode(run(new RcOk(dir()))), "an all-complete second run exits 0 too");
        assertEquals(30, codes.exitCode(run(new RcFail(dir()))));
        assertEquals(20, codes.exitCode(run(new RcMixed(dir(), List.of("ext")))));
        assertEquals(35, codes.exitCode(run(new RcMixed(dir(), List.of("broken")))));
    }

    @Test
    void theHighestApplicableCodeWins() {
        RetCodes codes = RetCodes.defaults();
        assertEquals(30, codes.exitCode(run(new RcMixed(dir(), List.of("ext", "fail")))),
                "missing data (20) and a failure (30)");
        assertEquals(35, codes.exitCode(run(new RcMixed(dir(), List.of("ext", "fail", "broken")))),
                "missing data, a failure and a scheduling error (35)");
        assertEquals(35, codes.exitCode(run(new RcMixed(dir(), List.of("broken", "ext")))));
    }

    @Test
    void syntheticOutcomesCoverTheOtherCodes() {
        RetCodes codes = RetCodes.defaults();
        assertEquals(0, codes.exitCode(synthetic(TaskState.ALREADY_DONE, TaskState.COMPLETED)));
        assertEquals(10, codes.exitCode(synthetic(TaskState.RUN_BY_OTHER_WORKER)));
        assertEquals(25, codes.exitCode(synthetic(TaskState.COMPLETED, TaskState.PENDING)));
        assertEquals(30, codes.exitCode(synthetic(TaskState.RUN_BY_OTHER_WORKER, TaskState.FAILED, TaskState.PENDING)));
        assertEquals(35, codes.exitCode(synthetic(TaskState.MISSING_EXTERNAL, TaskState.SCHEDULING_FAILED,
                TaskState.FAILED, TaskState.RUN_BY_OTHER_WORKER)));
        RunResult driverFailed = new RunResult(synthetic(TaskState.SCHEDULING_FAILED).outcomes(),
                Optional.of("boom"), Duration.ZERO);
        assertEquals(40, codes.exitCode(driverFailed));
    }

    @Test
    void retcodeSectionOverridesADefault() {
        CascataConfig config = CascataConfig.of(Map.of("retcode", Map.of("task_failed", "3")), System::getenv);
        RetCodes codes = RetCodes.from(config);
        assertEquals(3, codes.taskFailed());
        assertEquals(20, codes.missingData(), "keys not in [retcode] keep their defaults");
        assertEquals(35, codes.schedulingError());

        assertEquals(3, codes.exitCode(run(new RcFail(dir()))));
        // Still the highest that applies: missing data (20) beats the lowered task_failed (3).
        assertEquals(20, codes.exitCode(run(new RcMixed(dir(), List.of("ext", "fail")))));
    }

    @Test
    void retcodeOverrideAppliesOnTheCommandLine() throws IOException {
        Path cfg = tmp.resolve("cascata.cfg");
        Files.writeString(cfg, "[retcode]\ntask_failed = 3\n");
        assertEquals(30, cli("RcCliFail", "--dir", dir()).code());
        assertEquals(3, cli("--config", cfg.toString(), "RcCliFail", "--dir", dir()).code());
    }

    // ---- command-line usage errors: 2, and nothing ran ----------------------------------------

    private Path cliOutput() {
        return Path.of(dir(), "RcCli.txt");
    }

    @Test
    void aGoodCommandLineRunsAndExitsZero() {
        Cli r = cli("RcCli", "--dir", dir(), "--n", "7");
        assertEquals(0, r.code(), r.err());
        assertEquals("7", TestFiles.read(cliOutput()));
    }

    @Test
    void aBadParameterValueExitsTwoAndRunsNothing() {
        Cli r = cli("RcCli", "--dir", dir(), "--n", "seven");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("seven"), r.err());
        assertFalse(Files.exists(cliOutput()));
        assertEquals(List.of(), TestFiles.entries(Path.of(dir())));
    }

    @Test
    void anUnknownFamilyExitsTwo() {
        Cli r = cli("RcNoSuchFamily", "--dir", dir(), "--n", "1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("RcNoSuchFamily"), r.err());
        assertFalse(Files.exists(cliOutput()));
    }

    @Test
    void anUnknownOptionExitsTwoAndRunsNothing() {
        Cli r = cli("RcCli", "--dir", dir(), "--n", "1", "--bogus-option", "3");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--bogus-option"), r.err());
        assertFalse(Files.exists(cliOutput()));
    }

    @Test
    void aMissingRequiredParameterExitsTwoAndRunsNothing() {
        Cli r = cli("RcCli", "--dir", dir());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'n'"), r.err());
        assertFalse(Files.exists(cliOutput()));
    }

    @Test
    void theCommandLineLeavesTheParameterSourcesAsTheyWere() {
        ParameterSources before = ParameterSources.current();
        cli("RcCli", "--dir", dir(), "--n", "1");
        cli("RcCli", "--dir", dir(), "--n", "x");
        assertTrue(before == ParameterSources.current());
    }
}
