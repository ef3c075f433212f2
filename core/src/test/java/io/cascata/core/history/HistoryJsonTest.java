package io.cascata.core.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.cascata.core.TaskId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The history's task lines: a task named by family and parameters reads back as the same id, display and log. */
class HistoryJsonTest {

    @Test
    void aTaskLineReadsBackTheIdDisplayAndLogOfTheTaskItWasWrittenFor() throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("path", "/data/\"quoted\"\\back\nslash");
        params.put("day", "2026-11-24");
        params.put("name", "Zürich \u6771\u4eac \ud83d\ude00");
        params.put("a", "fourth, declared last");
        TaskId id = new TaskId("Ingest", params);
        TaskId none = new TaskId("NoParams", Map.of());

        JsonLines lines = new JsonLines();
        HistoryJson.writeCompleted(id, 2, 1_767_225_600_000L, 42, Map.of("runner", "DirectRunner"), "Ingest-17.log",
                lines);
        HistoryJson.writeCompleted(none, 1, 5, 0, Map.of(), null, lines);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        lines.drainTo(bytes);

        List<TaskRecord> read = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(bytes.toByteArray())) {
            HistoryJson.readTaskLines(p, (task, start) -> {
                read.add(task);
                starts.add(start);
            });
        }
        assertEquals(new TaskRecord(id.value(), id.display(), "Ingest", "COMPLETED", Optional.empty(), 2, 42,
                Optional.empty(), Map.of("runner", "DirectRunner"), Optional.of("Ingest-17.log")), read.get(0));
        assertEquals(new TaskRecord(none.value(), none.display(), "NoParams", "COMPLETED", Optional.empty(), 1, 0,
                Optional.empty(), Map.of(), Optional.empty()), read.get(1));
        assertEquals(List.of(1_767_225_600_000L, 5L), starts);
    }
}
