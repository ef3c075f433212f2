package io.cascata.core.targets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How a file's bytes are stored: as written, or gzip-compressed. Text, raw bytes and objects
 * are all read and written through a format.
 */
public enum Format {
    /** The bytes as written. */
    PLAIN {
        @Override
        public InputStream decode(InputStream in) {
            return in;
        }

        @Override
        public OutputStream encode(OutputStream out) {
            return out;
        }
    },
    /** Gzip-compressed, like Luigi's {@code format=Gzip}. */
    GZIP {
        @Override
        public InputStream decode(InputStream in) throws IOException {
            return new GZIPInputStream(in);
        }

        @Override
        public OutputStream encode(OutputStream out) throws IOException {
            return new GZIPOutputStream(out);
        }
    };

    /** Wraps a stream of stored bytes into one of plain bytes. */
    public abstract InputStream decode(InputStream in) throws IOException;

    /** Wraps a stream that stores bytes so that plain bytes written to it are stored in this format. */
    public abstract OutputStream encode(OutputStream out) throws IOException;
}
