package io.cascata.core.targets;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cascata.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The content of a directory output's {@code _SUCCESS} marker: every data file of the output,
 * as a path relative to the directory, with its size in bytes. Readers read exactly these files
 * and check their sizes first, so a file deleted or cut short afterwards makes the output
 * incomplete instead of silently smaller, and files of other attempts beside them are never
 * read. An empty marker (written by Hadoop, Spark or earlier versions) lists nothing: the
 * directory's data files are then taken as they are.
 *
 * @param files the data files, sorted by path
 */
public record Manifest(List<File> files) {

    /** The marker's name. */
    public static final String NAME = "_SUCCESS";

    public Manifest {
        files = files.stream().sorted(Comparator.comparing(File::path)).toList();
    }

    /**
     * One data file.
     *
     * @param path relative to the directory, with {@code /} between names
     * @param size its length in bytes
     */
    public record File(String path, long size) {
    }

    /** The marker's bytes. */
    public byte[] toBytes() {
        try {
            return Json.mapper().writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a manifest", e);
        }
    }

    /**
     * Reads a marker's bytes; empty for an empty marker (one that lists nothing).
     *
     * @param where the marker's location, named in the error
     */
    public static Optional<Manifest> parse(byte[] bytes, String where) throws IOException {
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return Optional.empty();
        }
        try {
            Manifest manifest = Json.mapper().readValue(bytes, Manifest.class);
            if (manifest.files() == null) {
                throw new IOException(where + ": the marker lists no files");
            }
            return Optional.of(manifest);
        } catch (JsonProcessingException e) {
            throw new IOException(where + ": the marker is not a file list (" + e.getOriginalMessage() + ")", e);
        }
    }
}
