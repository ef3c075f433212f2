package io.cascata.core.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.Tasks;
import io.cascata.core.TestFiles;
import io.cascata.core.json.Json;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: help, deps tree, summary JSON, per-family parameters and boolean flags. */
class CommandLineTest {

    @TempDir
    Path tmp;

    /** Requires a CliLeaf whose text comes from the command line or config (--CliLeaf-text). */
    record CliRoot(@Param("where outputs go") String dir,
            @Param(value = "how many times to repeat the leaf text", defaultValue = "2") int count) implements Task {
        @Override
        public CliLeaf requires() {
            return Tasks.create(CliLeaf.class, "dir", dir);
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/CliRoot.txt");
        }

        @Override
        public void run() throws IOException {
            LocalTarget in = input();
            output().writeText(in.readText().repeat(count));
        }
    }

    record CliLeaf(@Param("where outputs go") String dir, @Param(value = "the text", defaultValue = "leaf") String text)
            implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/CliLeaf.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText(text);
        }
    }

    record CliFlag(@Param("where outputs go") String dir, @Param(value = "shout", defaultValue = "false") boolean loud)
            implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/CliFlag.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("loud=" + loud);
        }
    }

    record CliList(@Param("where outputs go") String dir, @Param(value = "the days", defaultValue = "[]") List<String> days,
            @Param(value = "the sizes", defaultValue = "[]") List<Integer> sizes) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/CliList.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText(days + " " + sizes);
        }
    }

    record CliBroken(@Param("where outputs go") String dir) implements Task {
        @Override
        public Object requires() {
            throw new IllegalStateException("CliBroken cannot list its requirements");
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/CliBroken.txt");
        }
    }

    record CliCycA(@Param("where outputs go") String dir) implements Task {
        @Override
        public CliCycB requires() {
            return new CliCycB(dir);
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/CliCycA.txt");
        }
    }

    record CliCycB(@Param("where outputs go") String dir) implements Task {
        @Override
        public CliCycA requires() {
            return new CliCycA(dir);
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/CliCycB.txt");
        }
    }

    private record Cli(int code, String out, String err) {
    }

    private Cli cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        ParameterSources before = ParameterSources.current();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new CascataCommand(o, e, name -> null).execute(args);
        }
        assertTrue(before == ParameterSources.current(), "the command restores the parameter sources");
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The arguments plus a lock directory inside the temporary directory. */
    private String[] withLock(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--lock-dir");
        all.add(tmp.resolve("locks").toString());
        return all.toArray(String[]::new);
    }

    private String dir() {
        return tmp.resolve("out").toString();
    }

    @Test
    void helpListsTheTaskFamilies() {
        Cli r = cli("--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Task families:"), r.out());
        for (String family : List.of("CliRoot", "CliLeaf", "CliFlag")) {
            assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith(family)), family + " in\n" + r.out());
        }
        assertTrue(r.out().contains("count (int)"), r.out());
    }

    @Test
    void familyHelpListsParametersWithTypeDefaultAndDescription() {
        Cli r = cli("CliRoot", "--help");
        assertEquals(0, r.code(), r.err());
        String countLine = r.out().lines().filter(l -> l.contains("--count")).filter(l -> l.contains("how many"))
                .findFirst().orElseThrow(() -> new AssertionError("no --count line in\n" + r.out()));
        assertTrue(countLine.contains("int"), countLine);
        assertTrue(countLine.contains("[default: 2]"), countLine);
        String dirLine = r.out().lines().filter(l -> l.contains("--dir")).filter(l -> l.contains("where outputs go"))
                .findFirst().orElseThrow(() -> new AssertionError("no --dir line in\n" + r.out()));
        assertTrue(dirLine.contains("String"), dirLine);
        assertTrue(dirLine.contains("(required)"), dirLine);
        assertFalse(Files.exists(Path.of(dir())), "help runs nothing");
    }

    @Test
    void helpForAnUnknownOrAmbiguousFamilySaysSoAndExits2() {
        Cli unknown = cli("NoSuchFamily", "--help");
        assertEquals(2, unknown.code(), unknown.out());
        assertTrue(unknown.err().startsWith("error: unknown task family 'NoSuchFamily'"), unknown.err());
        assertEquals("", unknown.out());
    }

    @Test
    void depsTreeShowsStatesAndRunsNothing() throws IOException {
        new CliLeaf(dir(), "leaf").output().writeText("made earlier");

        Cli r = cli(withLock("CliRoot", "--dir", dir(), "--deps-tree"));
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(2, lines.size(), r.out());
        assertTrue(lines.get(0).contains("CliRoot(") && lines.get(0).contains("(PENDING)"), r.out());
        assertTrue(lines.get(1).contains("CliLeaf(") && lines.get(1).contains("(COMPLETE)"), r.out());
        assertTrue(lines.get(1).indexOf("CliLeaf") > lines.get(0).indexOf("CliRoot"), "the leaf is indented under the root");
        assertFalse(r.out().contains("Execution Summary"), "nothing ran, so no summary");
        assertEquals(List.of("CliLeaf.txt"), TestFiles.entries(Path.of(dir())), "the root did not run");
    }

    @Test
    void runPrintsTheSummaryAndWritesTheSummaryJson() throws IOException {
        Path json = tmp.resolve("reports/summary.json");
        Cli r = cli(withLock("CliRoot", "--dir", dir(), "--summary-json", json.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("===== Cascata Execution Summary ====="), r.out());
        assertTrue(r.out().contains("* 2 ran successfully:"), r.out());
        assertEquals("leafleaf", TestFiles.read(Path.of(dir(), "CliRoot.txt")));

        JsonNode root = Json.mapper().readTree(json.toFile());
        assertEquals(0, root.get("exitCode").asInt());
        assertEquals(2, root.get("scheduled").asInt());
        JsonNode tasks = root.get("tasks");
        assertEquals(2, tasks.size());
        Set<String> families = new HashSet<>();
        for (JsonNode t : tasks) {
            assertFalse(t.get("id").asText().isEmpty(), t.toString());
            assertTrue(t.get("id").asText().startsWith(t.get("family").asText() + "_"), t.toString());
            assertEquals("COMPLETED", t.get("state").asText(), t.toString());
            families.add(t.get("family").asText());
        }
        assertEquals(Set.of("CliRoot", "CliLeaf"), families);

        Cli again = cli(withLock("CliRoot", "--dir", dir(), "--summary-json", json.toString()));
        assertEquals(0, again.code());
        JsonNode second = Json.mapper().readTree(json.toFile());
        assertEquals(1, second.get("tasks").size());
        assertEquals("ALREADY_DONE", second.get("tasks").get(0).get("state").asText());
    }

    @Test
    void summaryJsonRecordsFailuresAndTheExitCode() throws IOException {
        Path json = tmp.resolve("fail.json");
        // The leaf's directory is a file, so the leaf cannot write its output.
        Files.writeString(tmp.resolve("blocker"), "not a directory");
        Cli r = cli(withLock("CliRoot", "--dir", tmp.resolve("blocker").toString(), "--summary-json", json.toString()));
        assertEquals(30, r.code(), r.out() + r.err());
        JsonNode root = Json.mapper().readTree(json.toFile());
        assertEquals(30, root.get("exitCode").asInt());
        Set<String> states = new HashSet<>();
        root.get("tasks").forEach(t -> states.add(t.get("family").asText() + ":" + t.get("state").asText()));
        assertEquals(Set.of("CliLeaf:FAILED", "CliRoot:PENDING"), states);
    }

    @Test
    void familyPrefixedOptionSetsANonRootTasksParameter() {
        Cli r = cli(withLock("CliRoot", "--dir", dir(), "--CliLeaf-text", "hi", "--count", "3"));
        assertEquals(0, r.code(), r.err());
        assertEquals("hi", TestFiles.read(Path.of(dir(), "CliLeaf.txt")));
        assertEquals("hihihi", TestFiles.read(Path.of(dir(), "CliRoot.txt")));
    }

    @Test
    void familyPrefixedOptionWorksBeforeTheFamilyName() {
        Cli r = cli(withLock("--CliLeaf-text", "early", "CliRoot", "--dir", dir()));
        assertEquals(0, r.code(), r.err());
        assertEquals("early", TestFiles.read(Path.of(dir(), "CliLeaf.txt")));
    }

    @Test
    void rootParametersAlsoTakeTheFamilyPrefix() {
        Cli r = cli(withLock("CliRoot", "--CliRoot-dir", dir(), "--CliRoot-count", "1"));
        assertEquals(0, r.code(), r.err());
        assertEquals("leaf", TestFiles.read(Path.of(dir(), "CliRoot.txt")));
    }

    @Test
    void aBooleanFlagWithoutAValueMeansTrue() {
        Cli r = cli(withLock("CliFlag", "--dir", dir(), "--loud"));
        assertEquals(0, r.code(), r.err());
        assertEquals("loud=true", TestFiles.read(Path.of(dir(), "CliFlag.txt")));
    }

    @Test
    void aBooleanFlagFollowedByAnotherOptionMeansTrue() {
        Cli r = cli(withLock("CliFlag", "--loud", "--dir", dir()));
        assertEquals(0, r.code(), r.err());
        assertEquals("loud=true", TestFiles.read(Path.of(dir(), "CliFlag.txt")));
    }

    @Test
    void aBooleanFlagCanStillBeGivenAValueOrLeftOut() {
        Cli off = cli(withLock("CliFlag", "--dir", dir()));
        assertEquals(0, off.code(), off.err());
        assertEquals("loud=false", TestFiles.read(Path.of(dir(), "CliFlag.txt")));

        Path other = tmp.resolve("other");
        Cli explicit = cli(withLock("CliFlag", "--dir", other.toString(), "--loud", "true"));
        assertEquals(0, explicit.code(), explicit.err());
        assertEquals("loud=true", TestFiles.read(other.resolve("CliFlag.txt")));
    }

    @Test
    void aBooleanFlagReadsYesAndNoAsItsValue() {
        Cli yes = cli(withLock("CliFlag", "--loud", "yes", "--dir", dir()));
        assertEquals(0, yes.code(), yes.err());
        assertEquals("loud=true", TestFiles.read(Path.of(dir(), "CliFlag.txt")));

        Path other = tmp.resolve("other");
        Cli no = cli(withLock("CliFlag", "--dir", other.toString(), "--loud", "no"));
        assertEquals(0, no.code(), no.err());
        assertEquals("loud=false", TestFiles.read(other.resolve("CliFlag.txt")));
    }

    @Test
    void aListParameterMayBeGivenMoreThanOnceAndCollectsEveryElement() {
        Cli r = cli(withLock("CliList", "--dir", dir(), "--days", "2024-01-01", "--days", "[\"2024-01-02\", \"2024-01-03\"]",
                "--sizes", "1", "--sizes", "2"));
        assertEquals(0, r.code(), r.err());
        assertEquals("[2024-01-01, 2024-01-02, 2024-01-03] [1, 2]", TestFiles.read(Path.of(dir(), "CliList.txt")));
    }

    @Test
    void anyOtherParameterGivenTwiceIsAUsageErrorAndRunsNothing() {
        Cli r = cli(withLock("CliRoot", "--dir", dir(), "--count", "1", "--count", "3"));
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().startsWith("error: --count is given more than once"), r.err());
        assertFalse(Files.exists(Path.of(dir())), "nothing ran");
    }

    @Test
    void aBooleanFlagBeforeTheFamilyNameDoesNotSwallowIt() {
        Cli r = cli(withLock("--loud", "CliFlag", "--dir", dir()));
        assertEquals(0, r.code(), r.err());
        assertEquals("loud=true", TestFiles.read(Path.of(dir(), "CliFlag.txt")));
    }

    @Test
    void coreFlagsBeforeTheFamilyNameDoNotSwallowIt() {
        Cli r = cli("--no-lock", "CliFlag", "--dir", dir());
        assertEquals(0, r.code(), r.err());
        assertEquals("loud=false", TestFiles.read(Path.of(dir(), "CliFlag.txt")));
    }

    @Test
    void aFailedRunExitsWithTheTaskFailedCode() throws IOException {
        Files.writeString(tmp.resolve("blocker"), "not a directory");
        Cli r = cli(withLock("CliFlag", "--dir", tmp.resolve("blocker").toString()));
        assertEquals(30, r.code());
        assertTrue(r.out().contains("This progress looks :( because there were failed tasks"), r.out());
    }

    @Test
    void depsTreeOfATaskWhoseRequiresThrowsReportsInsteadOfThrowing() {
        Cli r = assertDoesNotThrow(() -> cli(withLock("CliBroken", "--dir", dir(), "--deps-tree")),
                "CascataCommand.execute returns an exit code; it must not throw out of --deps-tree");
        assertTrue((r.out() + r.err()).contains("CliBroken cannot list its requirements"), r.out() + r.err());
    }

    @Test
    void depsTreeOfADependencyCycleTerminates() {
        Cli r = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertDoesNotThrow(() -> cli(withLock("CliCycA", "--dir", dir(), "--deps-tree"))));
        assertTrue(r.out().contains("CliCycA(") && r.out().contains("CliCycB("), r.out() + r.err());
    }
}
