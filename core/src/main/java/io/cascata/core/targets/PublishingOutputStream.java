package io.cascata.core.targets;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The stream handed to task code: closing it hands the staged file to the current
 * {@link OutputTransaction} (or commits it). A write that failed, or an explicit
 * {@link #abort()}, discards the file instead.
 */
final class PublishingOutputStream extends OutputStream {

    private final StagedFile staged;
    private final OutputStream out;
    private boolean failed;
    private boolean closed;

    PublishingOutputStream(StagedFile staged) {
        this.staged = staged;
        this.out = staged.stream();
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Discards what was written; a later close does nothing. */
    void abort() {
        if (!closed) {
            closed = true;
            staged.discardStream();
            staged.abort();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        if (failed) {
            abort();
            throw new IOException("an earlier write to " + staged.location() + " failed; nothing was published");
        }
        closed = true;
        try {
            out.close();
        } catch (IOException | RuntimeException e) {
            staged.abort();
            throw e;
        }
        OutputTransaction.stage(staged);
    }
}
