package io.cascata.core.targets;

import java.io.OutputStream;

/**
 * A file being written at a temporary place: its stream, and how to publish or discard it.
 * Each file system target type supplies its own.
 */
public interface StagedFile extends StagedOutput {

    /** The stream that writes the temporary file's stored bytes. */
    OutputStream stream();
}
