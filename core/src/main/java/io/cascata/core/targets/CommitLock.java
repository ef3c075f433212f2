package io.cascata.core.targets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A short lock around one directory commit, so that deciding "the destination is not complete"
 * and acting on it (moving a stale leftover aside, renaming the attempt into place) happen with
 * no other committer in between. It is a hidden sibling file created with the file system's
 * atomic create-if-absent; it holds its creation time, and a lock older than {@link #STALE} is
 * taken to belong to a committer that died, and is broken. It is removed on release.
 */
final class CommitLock implements AutoCloseable {

    /** A commit takes milliseconds; a lock this old was left by a process that died. */
    static final Duration STALE = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final Storage storage;
    private final String location;

    private CommitLock(Storage storage, String location) {
        this.storage = storage;
        this.location = location;
    }

    /** Takes the commit lock of a destination, waiting (bounded) while another committer holds it. */
    static CommitLock acquire(Storage storage, String destination) throws IOException {
        String parent = storage.parent(destination).orElseThrow(() -> new IOException(destination + ": no parent"));
        String location = storage.child(parent, "." + storage.name(destination) + ".cascata-commit");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long now = System.currentTimeMillis();
            if (storage.createExclusive(location, Long.toString(now).getBytes(StandardCharsets.UTF_8))) {
                return new CommitLock(storage, location);
            }
            Long since = createdAt(storage, location);
            if (since != null && now - since > STALE.toMillis()) {
                storage.delete(location); // its holder died mid-commit
                continue;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(destination + ": another commit has held " + location + " for over "
                        + WAIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(destination + ": interrupted while waiting to commit", e);
            }
        }
    }

    private static Long createdAt(Storage storage, String location) {
        try (InputStream in = storage.open(location)) {
            return Long.parseLong(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException goneOrBeingWritten) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        storage.delete(location);
    }
}
