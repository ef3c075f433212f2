package io.cascata.core.targets;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A directory output being written at its temporary place. Files go into
 * {@link #temporaryLocation()} (directly, or through {@link #create}); closing it hands it to the
 * task attempt, which commits it with {@link DirectoryCommit} when the attempt succeeds (outside
 * a task, at once); {@link #abort()} discards it.
 */
public final class StagedDirectory implements StagedOutput, AutoCloseable {

    private final DirectoryTarget target;
    private final String temp;
    private boolean closed;

    StagedDirectory(DirectoryTarget target, String temp) {
        this.target = target;
        this.temp = temp;
    }

    /** Where to write the files now: an absolute path or URI that file systems and Beam understand. */
    public String temporaryLocation() {
        return target.storage().qualify(temp);
    }

    /** A stream for one file of the directory; it becomes part of the output when the directory is committed. */
    public OutputStream create(String name) throws IOException {
        return target.storage().create(target.storage().child(temp, name));
    }

    /** The directory this becomes. */
    public DirectoryTarget target() {
        return target;
    }

    /** Finishes writing: the directory is committed with the task attempt, or at once outside a task. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        OutputTransaction.stage(this);
    }

    @Override
    public void commit() throws IOException {
        DirectoryCommit.commit(target, temp);
    }

    @Override
    public void abort() {
        closed = true;
        try {
            target.storage().delete(temp);
        } catch (IOException ignored) {
            // a temporary directory is never read as output
        }
    }

    @Override
    public String location() {
        return target.location();
    }
}
