package io.cascata.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.CodeVersion;
import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.Tasks;
import io.cascata.core.Version;
import io.cascata.core.cli.CascataCommand;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --explain for each reason a task runs, against real outputs and their provenance. */
class ExplainTest {

    @TempDir
    Path tmp;

    record ExUp(@Param(value = "a factor", defaultValue = "2") int factor) implements Task {
        @Override
        public FileTarget output() {
            return Workspace.file(this, "up.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("up " + factor);
        }
    }

    record ExDown() implements Task {
        @Override
        public ExUp requires() {
            return Tasks.create(ExUp.class);
        }

        @Override
        public FileTarget output() {
            return Workspace.file(this, "down.txt");
        }

        @Override
        public void run() throws IOException {
            FileTarget in = input();
            output().writeText(in.readText() + " down");
        }
    }

    @Version("7")
    record ExVersioned() implements Task {
        @Override
        public FileTarget output() {
            return Workspace.file(this, "v.txt");
        }
    }

    private record Cli(int code, String out) {
    }

    private Cli cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            List<String> all = new java.util.ArrayList<>(List.of(args));
            all.addAll(List.of("--workspace", tmp.resolve("ws").toString(), "--no-lock", "--no-history"));
            code = new CascataCommand(o, o, name -> null).execute(all.toArray(String[]::new));
        }
        return new Cli(code, out.toString(StandardCharsets.UTF_8));
    }

    private List<Path> outputs(String family) throws IOException {
        try (Stream<Path> files = Files.list(tmp.resolve("ws").resolve(family))) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    @Test
    void missingOutputsAndIncompleteUpstreamTasksAreNamedAndNothingRuns() {
        Cli explain = cli("ExDown", "--explain");
        assertEquals(0, explain.code());
        List<String> lines = explain.out().lines().toList();
        assertEquals("ExDown() will run:", lines.get(0), explain.out());
        assertTrue(lines.get(1).matches("  - its output is missing: .*/ws/ExDown/down_[0-9a-f]{10}\\.txt"), explain.out());
        assertEquals("  - an upstream task is incomplete: ExUp(factor=2)", lines.get(2));
        assertEquals("ExUp(factor=2) will run:", lines.get(3));
        assertTrue(lines.get(4).matches("  - its output is missing: .*/ws/ExUp/up_[0-9a-f]{10}\\.txt"), explain.out());
        assertEquals(5, lines.size(), explain.out());
        assertFalse(Files.exists(tmp.resolve("ws")));

        Cli both = cli("ExDown", "--deps-tree", "--explain");
        assertTrue(both.out().startsWith("└─--[ExDown() (PENDING)]\n"), both.out());
        assertTrue(both.out().contains("\nExDown() will run:\n"), both.out());
    }

    @Test
    void aChangedUpstreamParameterIsNamedWithItsOldAndNewValue() throws IOException {
        assertEquals(0, cli("ExDown").code());
        assertEquals("Every task is complete: nothing will run.\n", cli("ExDown", "--explain").out());
        Path provenance = outputs("ExUp").get(0).resolveSibling("." + outputs("ExUp").get(0).getFileName() + ".provenance.json");
        assertTrue(Files.exists(provenance), "a workspace output keeps its provenance beside it");

        Cli explain = cli("ExDown", "--ExUp-factor", "3", "--explain");
        String down = explain.out().substring(0, explain.out().indexOf("ExUp(factor=3) will run:"));
        assertTrue(down.contains("  - a parameter upstream changed: ExUp.factor was 2, is 3 (ExUp(factor=3))\n"), explain.out());
        assertTrue(down.contains("  - an upstream task is incomplete: ExUp(factor=3)\n"), explain.out());
    }

    @Test
    void withRerunOnCodeChangeTheCodeVersionIsFollowedAndEverythingDownstreamRuns() throws IOException {
        assertEquals(0, cli("ExDown").code());
        Cli explain = cli("ExDown", "--rerun-on-code-change", "--explain");
        String version = CodeVersion.of(ExUp.class, true);
        assertTrue(version.matches("bytecode:[0-9a-f]{10}"), version);
        assertTrue(explain.out().contains("ExUp(factor=2) will run:\n"), explain.out());
        assertTrue(explain.out().contains("  - its code changed: version (none) -> " + version + "\n"), explain.out());
        assertTrue(explain.out().contains("  - the code of ExUp(factor=2) changed: version (none) -> " + version + "\n"),
                explain.out());

        Cli run = cli("ExDown", "--rerun-on-code-change");
        assertEquals(0, run.code());
        assertTrue(run.out().contains("* 2 ran successfully"), run.out());
        assertEquals(2, outputs("ExUp").size());
        assertEquals(2, outputs("ExDown").size());
        assertEquals("Every task is complete: nothing will run.\n", cli("ExDown", "--rerun-on-code-change", "--explain").out());
    }

    @Test
    void anExplicitVersionIsTheCodeVersionAndChangesTheLineage() {
        assertEquals("7", CodeVersion.of(ExVersioned.class, false));
        assertEquals("7", CodeVersion.of(ExVersioned.class, true));
        assertEquals("", CodeVersion.of(ExUp.class, false));
        assertNotEquals(CodeVersion.of(ExUp.class, true), CodeVersion.of(ExDown.class, true));
    }
}
