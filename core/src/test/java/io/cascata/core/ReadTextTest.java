package io.cascata.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Targets;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** readText returns the whole file, whatever its length, with multi-byte characters intact. */
class ReadTextTest {

    @TempDir
    Path tmp;

    @Test
    void textsOfEveryLengthReadBackWhole() throws IOException {
        for (int length : new int[] {0, 1, 255, 256, 257, 8191, 8192, 100_000}) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; text.length() < length; i++) {
                text.append(i % 7 == 0 ? 'é' : (char) ('a' + i % 26));
            }
            FileTarget file = Targets.file(tmp.resolve("t" + length + ".txt").toString());
            file.writeText(text.toString());
            assertEquals(text.toString(), file.readText(), "length " + length);
        }
    }
}
