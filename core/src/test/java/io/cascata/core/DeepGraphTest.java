package io.cascata.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.cli.CascataCommand;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.param.ParameterSources;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RunResult;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing on the driver's path recurses on the depth of the graph: a chain of 100,000 tasks
 * with workspace outputs is discovered, hashed, printed as a tree and run.
 */
class DeepGraphTest {

    static final int DEPTH = 100_000;

    @TempDir
    Path tmp;

    /** Link i of a chain: requires link i - 1 and writes its own number to a workspace file. */
    record DeepLink(@Param("position in the chain, from 0") int i) implements Task {
        @Override
        public DeepLink requires() {
            return i == 0 ? null : new DeepLink(i - 1);
        }

        @Override
        public FileTarget output() {
            return Workspace.file(this, "x.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText(Integer.toString(i));
        }
    }

    private ParameterSources workspaceAt(Path root) {
        return new ParameterSources(Map.of(), CascataConfig.of(Map.of(
                "core", Map.of("workspace", root.toAbsolutePath().toString())), name -> null));
    }

    @Test
    void aChainOfAHundredThousandTasksRunsToCompletion() throws IOException {
        Path root = tmp.resolve("ws");
        DeepLink last = new DeepLink(DEPTH - 1);
        RunResult result;
        try (ParameterSources.Scope scope = ParameterSources.use(workspaceAt(root))) {
            result = Driver.builder().workers(2).build().run(last);
        }
        assertTrue(result.success(), () -> ExecutionSummary.body(result));
        assertEquals(DEPTH, result.ranCount());

        List<Path> written;
        try (Stream<Path> files = Files.list(root.resolve("DeepLink"))) {
            written = files.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
        assertEquals(DEPTH, written.size(), "one output per link");
        try (ParameterSources.Scope scope = ParameterSources.use(workspaceAt(root))) {
            for (int i = 0; i < DEPTH; i += 9_973) {
                assertEquals(Integer.toString(i), new DeepLink(i).output().readText(), "link " + i);
            }
            assertEquals(Integer.toString(DEPTH - 1), last.output().readText());
        }
    }

    @Test
    void theDepsTreeOfAHundredThousandTasksPrintsEveryLink() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new CascataCommand(o, e, name -> null).execute("DeepLink", "--i", Integer.toString(DEPTH - 1),
                    "--workspace", tmp.resolve("tree").toString(), "--deps-tree", "--no-lock");
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        List<String> lines = text.lines().toList();
        assertEquals(DEPTH, lines.size());
        assertEquals("└─--[DeepLink(i=" + (DEPTH - 1) + ") (PENDING)]", lines.get(0));
        assertTrue(lines.get(DEPTH - 1).contains("[DeepLink(i=0) (PENDING)]"), lines.get(DEPTH - 1));
        assertTrue(lines.get(DEPTH - 1).length() < 300, "deep lines stop growing: " + lines.get(DEPTH - 1).length());
    }

    /** Link i of a short chain, for the lineage values. */
    record LineageLink(int i) implements Task {
        @Override
        public LineageLink requires() {
            return i == 0 ? null : new LineageLink(i - 1);
        }
    }

    /** Requires two links, one of them twice, so that sorting and repeats count. */
    record LineageJoin(String name) implements Task {
        @Override
        public List<LineageLink> requires() {
            return List.of(new LineageLink(2), new LineageLink(0), new LineageLink(2));
        }
    }

    /** The lineage as defined: SHA-256 of family, id hash and the sorted lineages of what it requires. */
    private static String expectedLineage(Task task) {
        List<String> upstream = new ArrayList<>();
        for (Task requirement : Shapes.tasks(task.requires())) {
            upstream.add(expectedLineage(requirement));
        }
        upstream.sort(null);
        TaskId id = task.id();
        return TaskId.sha256Hex(id.family() + "\n" + id.hash() + "\n" + String.join(",", upstream)).substring(0, 10);
    }

    @Test
    void lineageValuesAreTheOnesExistingWorkspacesUse() {
        for (Task task : List.of(new LineageLink(0), new LineageLink(2), new LineageJoin("x"))) {
            assertEquals(expectedLineage(task), Workspace.lineage(task), task.id().display());
        }
        // The values earlier versions wrote into workspace paths.
        assertEquals("b795dfb302", Workspace.lineage(new LineageLink(0)));
        assertEquals("6388451973", Workspace.lineage(new LineageLink(2)));
        assertEquals("664f23442f", Workspace.lineage(new LineageJoin("x")));
    }
}
