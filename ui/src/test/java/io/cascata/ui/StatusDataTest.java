package io.cascata.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.history.HistoryRecorder;
import io.cascata.core.history.HistorySettings;
import io.cascata.core.history.RunHistory;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RunResult;
import io.cascata.core.settings.Settings;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Workspace;
import io.cascata.ui.demo.Part;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the page's endpoints answer for a run of the history: families with counts (from the
 * run's families file, or from its tasks when there is none), a family's tasks a page at a time
 * in display order, a task with its attempts.
 */
class StatusDataTest {

    private static final int PARTS = 12;

    /** The root: twelve parts, then its own output. */
    public record Parts(@Param("how many parts") int n) implements Task {
        @Override
        public List<Part> requires() {
            List<Part> parts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                parts.add(new Part(i));
            }
            return parts;
        }

        @Override
        public FileTarget output() {
            return Workspace.file(this, "parts.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("all parts\n");
        }
    }

    @TempDir
    Path dir;
    private RunHistory history;
    private String runId;

    @BeforeEach
    void recordARun() throws IOException {
        String root = dir.resolve("history").toString();
        CascataConfig config = CascataConfig.empty().withOverrides(Map.of(
                "core", Map.of("workspace", dir.resolve("ws").toString()), "history", Map.of("dir", root)));
        HistoryRecorder recorder = HistoryRecorder.start(Settings.read(HistorySettings.class, config),
                dir.resolve("ws").toString(), List.of("Parts"), "me", "here").orElseThrow();
        RunResult result = Driver.builder().config(config).listener(recorder).build().run(new Parts(PARTS));
        recorder.finish(result, 0);
        recorder.close();
        history = RunHistory.at(root);
        runId = recorder.runId();
    }

    @Test
    void familiesComeWithCountsByStateWithOrWithoutTheFamiliesFile() throws IOException {
        Map<String, Object> withFile = new StatusData(Optional.empty(), Optional.of(history)).run(runId).orElseThrow();
        Files.delete(Path.of(history.root(), runId, "families.json")); // as a run recorded before the file was
        Map<String, Object> fromTasks = new StatusData(Optional.empty(), Optional.of(history)).run(runId).orElseThrow();
        for (Map<String, Object> answer : List.of(withFile, fromTasks)) {
            assertEquals(List.of(
                    Map.of("family", "Part", "total", PARTS, "counts", Map.of("COMPLETED", PARTS)),
                    Map.of("family", "Parts", "total", 1, "counts", Map.of("COMPLETED", 1))), answer.get("families"));
            @SuppressWarnings("unchecked")
            Map<String, Object> progress = (Map<String, Object>) answer.get("progress");
            assertEquals(PARTS + 1, progress.get("total"));
            assertEquals(PARTS + 1, progress.get("settled"));
            assertEquals(0, progress.get("running"));
        }
        assertTrue(new StatusData(Optional.empty(), Optional.of(history)).run("no-such-run").isEmpty());
    }

    @Test
    void aFamilysTasksComeAPageAtATimeInDisplayOrderAndATaskWithItsAttempts() throws IOException {
        StatusData data = new StatusData(Optional.empty(), Optional.of(history));
        data.run(runId).orElseThrow(); // starts reading the run's tasks ahead
        Map<String, Object> page = data.tasks(runId, "Part", Optional.empty(), 2, 3).orElseThrow();
        assertEquals(PARTS, page.get("total"));
        assertEquals(2, page.get("offset"));
        assertEquals(List.of("Part(index=10)", "Part(index=11)", "Part(index=2)"), displays(page));
        assertEquals(List.of(), displays(data.tasks(runId, "Part", Optional.of("FAILED"), 0, 100).orElseThrow()));
        assertEquals(0, data.tasks(runId, "NoSuchFamily", Optional.empty(), 0, 100).orElseThrow().get("total"));

        String id = new Part(3).id().value();
        Map<String, Object> task = data.task(runId, id).orElseThrow();
        assertEquals("Part(index=3)", task.get("display"));
        assertEquals("COMPLETED", task.get("state"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> attempts = (List<Map<String, Object>>) task.get("attemptList");
        assertEquals(1, attempts.size());
        assertEquals(true, attempts.get(0).get("ok"));
        assertTrue(data.task(runId, "Part_99_0000000000").isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static List<String> displays(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("tasks")).stream().map(t -> (String) t.get("display")).toList();
    }
}
