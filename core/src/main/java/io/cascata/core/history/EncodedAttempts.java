package io.cascata.core.history;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Attempts already written as the JSON lines of the next {@code attempts-NNNNN.jsonl} file, kept
 * in memory until that file is written. The recorder's own thread adds to it as the run goes,
 * so that what is left to do when a big run ends is writing bytes out, not encoding them.
 * Not thread-safe: its owner serialises the calls.
 */
final class EncodedAttempts {

    private static final JsonFactory JSON = new JsonFactory();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    private JsonGenerator generator;
    private int count;

    /** Adds one attempt as a line. */
    void add(AttemptRecord attempt) {
        try {
            if (generator == null) {
                generator = JSON.createGenerator(bytes, JsonEncoding.UTF8);
                generator.setRootValueSeparator(new SerializedString("\n"));
            }
            HistoryJson.write(attempt, generator);
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an attempt in memory", e); // a byte array does not fail
        }
    }

    /** How many attempts are held. */
    int size() {
        return count;
    }

    /** How many bytes the lines held take, about (what the encoder still buffers is not counted). */
    int bytes() {
        return bytes.size();
    }

    /** The lines held, each ending with a newline; empties this. */
    byte[] take() {
        try {
            if (generator != null) {
                generator.writeRaw('\n');
                generator.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an attempt in memory", e);
        }
        byte[] lines = bytes.toByteArray();
        bytes.reset();
        generator = null;
        count = 0;
        return lines;
    }
}
