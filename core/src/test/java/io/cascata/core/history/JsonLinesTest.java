package io.cascata.core.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history's line encoder writes JSON that a standard parser reads back as written. */
class JsonLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyKindOfCharacterAndNumberReadsBackAsWritten() throws Exception {
        List<String> texts = List.of("", "plain", "quote \" and backslash \\", "line\nreturn\rtab\tbell\u0007nul\u0000",
                "\b\f\u001f", "café ñ", "中文", "emoji \uD83D\uDE00 pair", "lone \uD83D high", "lone \uDE00 low",
                "end high \uD83D", "\u007f\u0080\u07ff\u0800\uffff");
        List<Long> numbers = List.of(0L, 7L, -7L, 1_700_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1);
        JsonLines lines = new JsonLines();
        for (int i = 0; i < texts.size(); i++) {
            lines.begin().field(JsonLines.key("text"), texts.get(i)).field(JsonLines.key("n"), numbers.get(i % numbers.size()))
                    .field(JsonLines.key("o\"k"), i % 2 == 0)
                    .beginObject(JsonLines.key("details")).field("k\"" + i, texts.get(i)).field("second", "x").endObject()
                    .field("after", "y").end();
        }
        lines.begin().end(); // an empty object
        assertEquals(texts.size() + 1, lines.size());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lines.drainTo(out);
        List<String> read = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(texts.size() + 1, read.size());
        for (int i = 0; i < texts.size(); i++) {
            JsonNode n = JSON.readTree(read.get(i));
            assertEquals(texts.get(i), n.get("text").asText(), "line " + i + ": " + read.get(i));
            assertEquals((long) numbers.get(i % numbers.size()), n.get("n").asLong(), read.get(i));
            assertEquals(i % 2 == 0, n.get("o\"k").asBoolean()); // a key that needs escaping, encoded once
            assertEquals(texts.get(i), n.get("details").get("k\"" + i).asText());
            assertEquals("x", n.get("details").get("second").asText());
            assertEquals("y", n.get("after").asText());
        }
        assertEquals(0, JSON.readTree(read.get(texts.size())).size());
        assertEquals(0, lines.size());
        assertEquals(0, lines.bytes());
    }

    /** A null string (an executor's note without a value) is JSON's null; a line left unfinished is dropped. */
    @Test
    void nullValuesAreNullAndAnUnfinishedLineIsDropped() throws Exception {
        JsonLines lines = new JsonLines();
        lines.begin().field("id", "a").beginObject(JsonLines.key("details")).field("note", (String) null).endObject().end();
        lines.begin().field("id", "half").beginObject(JsonLines.key("details")).field("k", "v");
        lines.abandonLine();
        lines.abandonLine(); // nothing begun: nothing dropped
        lines.begin().field("id", "b").end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lines.drainTo(out);
        List<String> read = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, read.size(), read.toString());
        assertEquals(true, JSON.readTree(read.get(0)).get("details").get("note").isNull());
        assertEquals("b", JSON.readTree(read.get(1)).get("id").asText());
    }

    @Test
    void manyLinesGrowTheBufferAndDrainToAStream() throws Exception {
        JsonLines lines = new JsonLines();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String longText = "ä".repeat(5000) + "\"".repeat(3000);
        for (int i = 0; i < 2000; i++) {
            lines.begin().field(JsonLines.key("i"), i).field("text", i % 100 == 0 ? longText : "t" + i).end();
            if (lines.bytes() > 10_000) {
                lines.drainTo(out);
            }
        }
        lines.drainTo(out);
        List<String> read = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2000, read.size());
        for (int i = 0; i < 2000; i++) {
            JsonNode n = JSON.readTree(read.get(i));
            assertEquals(i, n.get("i").asInt());
            assertEquals(i % 100 == 0 ? longText : "t" + i, n.get("text").asText());
        }
    }
}
