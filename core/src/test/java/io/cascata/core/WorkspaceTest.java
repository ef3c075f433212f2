package io.cascata.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.config.CascataConfig;
import io.cascata.core.param.ParameterSources;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskState;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.LocalTarget;
import io.cascata.core.targets.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parameter-aware outputs: a parameter change upstream gives new output paths, so the changed
 * task and everything downstream of it run again; an unchanged config runs nothing.
 */
class WorkspaceTest {

    @TempDir
    Path tmp;

    /** Its parameter comes from the config section [WsUpstream]. */
    record WsUpstream(@Param("the value to write") String value) implements Task {
        @Override
        public FileTarget output() {
            return Workspace.file(this, "up.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText(value);
        }
    }

    /** No parameters of its own: its output path follows WsUpstream's parameter through the lineage. */
    record WsDownstream() implements Task {
        @Override
        public WsUpstream requires() {
            return Tasks.create(WsUpstream.class);
        }

        @Override
        public FileTarget output() {
            return Workspace.file(this, "down.txt");
        }

        @Override
        public void run() throws IOException {
            LocalTarget in = input();
            output().writeText(in.readText() + "!");
        }
    }

    private ParameterSources sources(String value) {
        return new ParameterSources(Map.of(), CascataConfig.of(Map.of(
                "core", Map.of("workspace", tmp.toAbsolutePath().toString()),
                "WsUpstream", Map.of("value", value)), name -> null));
    }

    private RunResult runWith(String value) {
        try (ParameterSources.Scope scope = ParameterSources.use(sources(value))) {
            return Driver.builder().build().run(new WsDownstream());
        }
    }

    private LocalTarget downstreamOutput(String value) {
        try (ParameterSources.Scope scope = ParameterSources.use(sources(value))) {
            return (LocalTarget) new WsDownstream().output();
        }
    }

    @Test
    void outputsLiveUnderTheConfiguredWorkspaceByFamily() {
        try (ParameterSources.Scope scope = ParameterSources.use(sources("a"))) {
            LocalTarget up = (LocalTarget) new WsUpstream("a").output(); // a local workspace gives local files
            Path path = up.path();
            assertEquals(tmp.toAbsolutePath().resolve("WsUpstream"), path.getParent());
            assertTrue(path.getFileName().toString().matches("up_[0-9a-f]{10}\\.txt"), path.toString());
            assertNotEquals(up.path(), ((LocalTarget) new WsUpstream("b").output()).path(), "another value, another path");
        }
    }

    @Test
    void aConfigChangeUpstreamRunsTheChangedTaskAndEverythingDownstream() {
        RunResult first = runWith("a");
        assertEquals(2, first.ranCount(), ExecutionSummary.render(first));
        assertTrue(ExecutionSummary.render(first).contains("* 2 ran successfully:"));

        RunResult unchanged = runWith("a");
        assertEquals(0, unchanged.ranCount(), ExecutionSummary.render(unchanged));
        assertTrue(ExecutionSummary.render(unchanged).contains("Did not run any tasks"));

        RunResult changed = runWith("b");
        String summary = ExecutionSummary.render(changed);
        assertEquals(2, changed.ranCount(), "after [WsUpstream] value changed from a to b, both tasks run again:" + summary);
        assertTrue(summary.contains("* 2 ran successfully:"), summary);
        assertEquals(List.of("WsDownstream", "WsUpstream"), changed.inState(TaskState.COMPLETED).stream()
                .map(o -> o.id().family()).sorted().toList());

        assertEquals(2, TestFiles.entries(tmp.resolve("WsUpstream")).size(), "old and new upstream outputs");
        assertEquals(2, TestFiles.entries(tmp.resolve("WsDownstream")).size(), "old and new downstream outputs");
        assertEquals("b!", downstreamOutput("b").readTextUnchecked());
        assertEquals("a!", downstreamOutput("a").readTextUnchecked(), "the earlier output is still there");

        RunResult changedAgain = runWith("b");
        assertEquals(0, changedAgain.ranCount(), ExecutionSummary.render(changedAgain));

        // Keep every run's result (and so its task instances) alive until here, as a long-lived
        // driver process would.
        assertEquals(1, first.outcomes().stream().filter(o -> o.task() instanceof WsDownstream).count());
    }

    @Test
    void theLineageOfAParameterlessTaskFollowsItsRequirements() {
        String underA;
        String underB;
        WsDownstream keptA;
        try (ParameterSources.Scope scope = ParameterSources.use(sources("a"))) {
            keptA = new WsDownstream();
            underA = Workspace.lineage(keptA);
        }
        try (ParameterSources.Scope scope = ParameterSources.use(sources("b"))) {
            underB = Workspace.lineage(new WsDownstream());
        }
        assertNotEquals(underA, underB, "WsDownstream requires WsUpstream(a) in one case and WsUpstream(b) in the other");
        assertEquals(keptA, new WsDownstream());
    }
}
