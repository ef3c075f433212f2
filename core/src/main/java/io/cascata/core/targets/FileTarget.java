package io.cascata.core.targets;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cascata.core.json.Json;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A single file on any {@link Storage}, read and written as text (UTF-8), raw bytes or JSON
 * objects, through its {@link Format}. Every write is atomic: data goes to a temporary file that
 * is moved into place only when the writer closes without error (and, inside a task, only when
 * the task's run succeeds). Local paths, HDFS and object stores all work through it.
 */
public class FileTarget extends StoredTarget {

    private static final int SMALL_TEXT = 256;
    private static final java.util.regex.Pattern JACKSON_SOURCE =
            java.util.regex.Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");

    private final Format format;

    protected FileTarget(Storage storage, String location, Format format) {
        super(storage, location);
        this.format = java.util.Objects.requireNonNull(format, "format");
    }

    /** A file at a location on a storage. */
    public static FileTarget of(Storage storage, String location, Format format) {
        return new FileTarget(storage, location, format);
    }

    /**
     * Whether the file is there. During a graph discovery, files on a remote storage answer from
     * one listing of their directory shared by every target in it.
     */
    @Override
    public boolean exists() {
        try {
            java.util.Optional<ListingCache> cache = ListingCache.current();
            if (cache.isPresent() && cache.get().serves(storage())) {
                java.util.Optional<String> parent = storage().parent(location());
                if (parent.isPresent()) {
                    StorageEntry entry = cache.get().entries(storage(), parent.get()).get(storage().name(location()));
                    return entry != null && notADirectory(entry.directory());
                }
            }
            java.util.Optional<StorageEntry> entry = storage().stat(location());
            return entry.isPresent() && notADirectory(entry.get().directory());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage() != null && e.getMessage().startsWith(location())
                    ? e.getMessage() : location() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A directory where a file is expected is not this file's output, and it must never count as
     * complete (the task would never run): it is an error naming the path.
     */
    protected final boolean notADirectory(boolean directory) {
        if (directory) {
            String message = location() + ": is a directory, where a file is expected";
            throw new UncheckedIOException(message, new java.nio.file.FileSystemException(message));
        }
        return true;
    }

    /** How the bytes are stored. */
    public final Format format() {
        return format;
    }

    private InputStream openStoredInput() throws IOException {
        try {
            return storage().open(location());
        } catch (IOException e) {
            throw named(e);
        }
    }

    /** Starts a hidden temporary sibling that replaces this file on commit. */
    private StagedFile stageNewFile() throws IOException {
        String parent = storage().parent(location()).orElseThrow(() -> new IOException(location() + ": not a file location"));
        String temp = storage().child(parent, TempNames.siblingName(storage().name(location())));
        try {
            return new StagedFile(storage(), temp, location(), storage().create(temp));
        } catch (IOException e) {
            String message = e.getMessage();
            if (message != null && message.startsWith(temp + ": ")) {
                // the temporary name means nothing to the user: the error is about this file
                throw new IOException(location() + ": " + message.substring(temp.length() + 2), e);
            }
            throw named(e);
        }
    }

    /** An I/O error whose message starts with this file's location. */
    private IOException named(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
            com.fasterxml.jackson.core.JsonLocation at = json.getLocation();
            String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String what = json instanceof com.fasterxml.jackson.core.exc.StreamReadException
                    && !(json instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException)
                    ? "not valid JSON" : "JSON not of the expected shape";
            // Jackson names the source as REDACTED and repeats the position: say it once, as line and column.
            String why = JACKSON_SOURCE.matcher(json.getOriginalMessage()).replaceAll("line $1, column $2");
            return new IOException(location() + ": " + what + where + ": " + why, e);
        }
        if (format == Format.GZIP && (e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException)) {
            return new IOException(location() + ": not valid gzip data, corrupt or cut short ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
        String message = e.getMessage();
        if (message != null && message.startsWith(location())) {
            return e;
        }
        if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.io.FileNotFoundException) {
            return new java.io.FileNotFoundException(location() + ": no such file");
        }
        return new IOException(location() + ": " + (message == null ? e.getClass().getSimpleName() : message), e);
    }

    /** The file's bytes, decoded by the format. */
    public final InputStream openInputStream() throws IOException {
        InputStream stored = openStoredInput();
        try {
            return format.decode(stored);
        } catch (IOException e) {
            stored.close();
            throw named(e);
        }
    }

    /** A stream whose bytes become this file, encoded by the format, when it is closed. */
    public final OutputStream openOutputStream() throws IOException {
        return format.encode(new PublishingOutputStream(stageNewFile()));
    }

    /** The file as UTF-8 text. */
    public final BufferedReader openReader() throws IOException {
        return new BufferedReader(new InputStreamReader(openInputStream(), StandardCharsets.UTF_8));
    }

    /** A UTF-8 writer whose text becomes this file when it is closed. */
    public final BufferedWriter openWriter() throws IOException {
        return new BufferedWriter(new OutputStreamWriter(openOutputStream(), StandardCharsets.UTF_8));
    }

    /** The whole file as text. */
    public final String readText() throws IOException {
        try (InputStream in = openInputStream()) {
            // Most files a task reads whole are small: readAllBytes would start each read with an
            // 8 KiB array, which at a million reads was most of what a run allocated.
            byte[] head = new byte[SMALL_TEXT];
            int n = in.readNBytes(head, 0, head.length);
            if (n < head.length) {
                return new String(head, 0, n, StandardCharsets.UTF_8);
            }
            byte[] rest = in.readAllBytes();
            byte[] all = java.util.Arrays.copyOf(head, n + rest.length);
            System.arraycopy(rest, 0, all, n, rest.length);
            return new String(all, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw named(e);
        }
    }

    /** The file's lines. */
    public final List<String> readLines() throws IOException {
        try (BufferedReader in = openReader()) {
            return in.lines().toList();
        } catch (IOException e) {
            throw named(e);
        } catch (UncheckedIOException e) {
            throw named(e.getCause());
        }
    }

    /** Writes the text as the whole file, atomically. */
    public final void writeText(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        writeBytes(out -> out.write(bytes));
    }

    /**
     * Writes text through the given code and publishes the file only if it returns normally; if
     * it throws, nothing appears at this target.
     */
    public final void write(WriterBody body) throws IOException {
        writeBytes(out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(new NonClosingOutputStream(out),
                    StandardCharsets.UTF_8));
            body.write(writer);
            writer.flush();
        });
    }

    /**
     * Writes bytes through the given code and publishes the file only if it returns normally;
     * if it throws, nothing appears at this target.
     */
    public final void writeBytes(StreamBody body) throws IOException {
        PublishingOutputStream publishing = new PublishingOutputStream(stageNewFile());
        OutputStream out;
        try {
            out = format.encode(publishing);
            body.write(out);
        } catch (IOException | RuntimeException | Error e) {
            publishing.abort();
            throw e;
        }
        out.close();
    }

    /** Writes an object as JSON (the typed-object format, in the place of Luigi's pickle). */
    public final void writeObject(Object value) throws IOException {
        writeBytes(out -> Json.mapper().writeValue(new NonClosingOutputStream(out), value));
    }

    /** Reads an object written by {@link #writeObject}. */
    public final <T> T readObject(Class<T> type) throws IOException {
        try (InputStream in = openInputStream()) {
            return Json.mapper().readValue(in, type);
        } catch (IOException e) {
            throw named(e);
        }
    }

    /** Reads a generic object written by {@link #writeObject}, e.g. a {@code Map<String, Object>}. */
    public final <T> T readObject(TypeReference<T> type) throws IOException {
        try (InputStream in = openInputStream()) {
            return Json.mapper().readValue(in, type);
        } catch (IOException e) {
            throw named(e);
        }
    }

    /** Code that writes a file's text; what it throws leaves nothing behind. */
    @FunctionalInterface
    public interface WriterBody {
        void write(Writer writer) throws IOException;
    }

    /** Code that writes a file's bytes; what it throws leaves nothing behind. */
    @FunctionalInterface
    public interface StreamBody {
        void write(OutputStream out) throws IOException;
    }

    /** Writes the text, turning I/O errors into unchecked ones (handy inside lambdas and streams). */
    public final void writeTextUnchecked(String text) {
        try {
            writeText(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the text, turning I/O errors into unchecked ones (handy inside streams). */
    public final String readTextUnchecked() {
        try {
            return readText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileTarget t && samePlace(t) && t.format == format;
    }



    /** Jackson closes what it writes to; the publishing stream must be closed by us, once. */
    private static final class NonClosingOutputStream extends java.io.FilterOutputStream {
        NonClosingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
