package io.cascata.core.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The live progress line: redrawn in place with done / total and running, erased at the end. */
class ProgressLineTest {

    @Test
    void redrawsDoneRunningAndTotalThenErasesItself() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicInteger done = new AtomicInteger(3);
        try (ProgressLine line = new ProgressLine(out, 10, done::get, () -> 1)) {
            Thread.sleep(1300);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\r[cascata] 3 / 10 tasks done, 1 running"), text);
        assertTrue(text.endsWith("\r\033[K"), text);
    }

    @Test
    void printsNothingForAShortRun() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProgressLine line = new ProgressLine(new PrintStream(bytes), 10, () -> 10, () -> 0)) {
            // finishes before the first redraw
        }
        assertTrue(bytes.size() == 0);
    }
}
