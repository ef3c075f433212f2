package io.cascata.core.targets;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A file being written at a hidden temporary sibling: committing renames it over the final
 * path (atomically where the storage can), aborting discards it.
 */
final class StagedFile implements StagedOutput {

    private final Storage storage;
    private final String temp;
    private final String location;
    private final OutputStream stream;

    StagedFile(Storage storage, String temp, String location, OutputStream stream) {
        this.storage = storage;
        this.temp = temp;
        this.location = location;
        this.stream = stream;
    }

    /** The stream that writes the temporary file's stored bytes. */
    OutputStream stream() {
        return stream;
    }

    /** Discards the temporary file without publishing what the stream wrote. */
    void discardStream() {
        storage.discard(stream, temp);
    }

    @Override
    public void commit() throws IOException {
        try {
            storage.renameFile(temp, location);
        } catch (IOException | RuntimeException e) {
            abort();
            throw new IOException(location + ": cannot move the written file into place: " + e.getMessage(), e);
        }
    }

    @Override
    public void abort() {
        try {
            storage.delete(temp);
        } catch (IOException ignored) {
            // a leftover hidden temporary file never looks like the output
        }
    }

    @Override
    public String location() {
        return location;
    }
}
