package io.cascata.core.history;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Flat JSON objects, one per line, appended as UTF-8 to a byte array: the encoder of the
 * history's per-task lines. A big run writes one such line for each of its 110,001 tasks; a
 * general JSON generator, inlined into each place that writes a line, cost the run more in JIT
 * compilation than the writing itself, while this one is a few small loops. Objects hold string,
 * number and boolean fields and objects of strings; strings are escaped as RFC 8259 requires.
 * Not thread-safe: its owner serialises the calls.
 */
final class JsonLines {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * A field name encoded once ({@code "name":}): the fixed names of a line are copied, not
     * escaped again for every line, which keeps the code the JIT compiles for a line small.
     */
    static final class Key {
        private final byte[] encoded;

        private Key(byte[] encoded) {
            this.encoded = encoded;
        }
    }

    /** The field name {@code name}, encoded. */
    static Key key(String name) {
        JsonLines one = new JsonLines();
        one.string(name);
        one.put(':');
        return new Key(Arrays.copyOf(one.bytes, one.length));
    }

    private byte[] bytes = new byte[1 << 12];
    private int length;
    private int lines;
    /** Whether the object being written has no field yet. */
    private boolean empty;
    /** Where the line being written starts, or -1 between lines. */
    private int lineStart = -1;

    /** Starts a line's object. */
    JsonLines begin() {
        lineStart = length;
        put('{');
        empty = true;
        return this;
    }

    /** Ends the line's object and the line. */
    JsonLines end() {
        put('}');
        put('\n');
        lines++;
        lineStart = -1;
        return this;
    }

    /** Drops the line begun and not ended, if any (its record could not be written whole). */
    void abandonLine() {
        if (lineStart >= 0) {
            length = lineStart;
            lineStart = -1;
        }
    }

    JsonLines field(Key key, String value) {
        name(key);
        stringOrNull(value);
        return this;
    }

    JsonLines field(Key key, long value) {
        name(key);
        number(value);
        return this;
    }

    JsonLines field(Key key, boolean value) {
        name(key);
        ascii(value ? "true" : "false");
        return this;
    }

    /** Starts an object-valued field; its fields follow, then {@link #endObject()}. */
    JsonLines beginObject(Key key) {
        name(key);
        put('{');
        empty = true;
        return this;
    }

    JsonLines field(String name, String value) {
        name(name);
        stringOrNull(value);
        return this;
    }


    JsonLines endObject() {
        put('}');
        empty = false;
        return this;
    }

    /** A string field; a null value is written as JSON's null. */
    private void stringOrNull(String s) {
        if (s == null) {
            ascii("null");
        } else {
            string(s);
        }
    }

    /** How many lines are held. */
    int size() {
        return lines;
    }

    /** How many bytes the lines held take. */
    int bytes() {
        return length;
    }

    /** Writes the lines held to a stream; empties this. */
    void drainTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
        clear();
    }

    private void clear() {
        length = 0;
        lines = 0;
        lineStart = -1;
    }

    private void name(Key key) {
        if (!empty) {
            put(',');
        }
        empty = false;
        byte[] encoded = key.encoded;
        ensure(encoded.length);
        System.arraycopy(encoded, 0, bytes, length, encoded.length);
        length += encoded.length;
    }

    private void name(String name) {
        if (!empty) {
            put(',');
        }
        empty = false;
        string(name);
        put(':');
    }

    private void string(String s) {
        put('"');
        int n = s.length();
        ensure(n + 1);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                if (length == bytes.length) {
                    ensure(n - i + 1);
                }
                bytes[length++] = (byte) c;
            } else {
                i = special(s, i, c);
            }
        }
        put('"');
    }

    /** Writes a character that is escaped or takes more than one byte; returns the index of the last char used. */
    private int special(String s, int i, char c) {
        if (c == '"' || c == '\\') {
            put('\\');
            put(c);
        } else if (c < 0x20) {
            put('\\');
            switch (c) {
                case '\n' -> put('n');
                case '\r' -> put('r');
                case '\t' -> put('t');
                case '\b' -> put('b');
                case '\f' -> put('f');
                default -> unicodeEscape(c);
            }
        } else if (c < 0x800) {
            put(0xc0 | c >> 6);
            put(0x80 | c & 0x3f);
        } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, s.charAt(i + 1));
            put(0xf0 | cp >> 18);
            put(0x80 | cp >> 12 & 0x3f);
            put(0x80 | cp >> 6 & 0x3f);
            put(0x80 | cp & 0x3f);
            return i + 1;
        } else if (Character.isSurrogate(c)) {
            // A lone surrogate has no UTF-8 form; JSON can still carry it escaped.
            put('\\');
            unicodeEscape(c);
        } else {
            put(0xe0 | c >> 12);
            put(0x80 | c >> 6 & 0x3f);
            put(0x80 | c & 0x3f);
        }
        return i;
    }

    /** {@code uXXXX}, after the backslash. */
    private void unicodeEscape(char c) {
        put('u');
        put(HEX[c >> 12 & 0xf]);
        put(HEX[c >> 8 & 0xf]);
        put(HEX[c >> 4 & 0xf]);
        put(HEX[c & 0xf]);
    }

    private void number(long value) {
        if (value == Long.MIN_VALUE) {
            ascii(Long.toString(value));
            return;
        }
        long v = value;
        if (v < 0) {
            put('-');
            v = -v;
        }
        ensure(19);
        int start = length;
        do {
            bytes[length++] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        } while (v > 0);
        for (int a = start, b = length - 1; a < b; a++, b--) {
            byte t = bytes[a];
            bytes[a] = bytes[b];
            bytes[b] = t;
        }
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            bytes[length++] = (byte) s.charAt(i);
        }
    }

    private void put(int b) {
        if (length == bytes.length) {
            ensure(1);
        }
        bytes[length++] = (byte) b;
    }

    private void ensure(int more) {
        if (bytes.length - length < more) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
