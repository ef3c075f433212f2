package io.cascata.core.run;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A handle that stops a run from outside it: give it to {@link Driver.Builder#cancellation},
 * then call {@link #cancel} from any thread (a signal handler, a UI, a test). The driver then
 * starts no more tasks, interrupts the attempts that are running, discards their outputs and
 * returns once they have stopped or its interrupt grace has run out, with those tasks failed as
 * interrupted and the ones not started left pending.
 *
 * <p>One handle belongs to one run (or to several runs that should stop together): once
 * cancelled it stays cancelled, and a run given a cancelled handle starts no task.
 */
public final class RunCancellation {

    private final List<Runnable> actions = new CopyOnWriteArrayList<>();
    private volatile String reason;

    /** Asks the run to stop, saying why (e.g. "interrupted by SIGTERM"); false when it was already asked. */
    public boolean cancel(String why) {
        synchronized (this) {
            if (reason != null) {
                return false;
            }
            reason = why;
        }
        for (Runnable action : actions) {
            action.run();
        }
        return true;
    }

    /** Whether {@link #cancel} was called. */
    public boolean isCancelled() {
        return reason != null;
    }

    /** Why the run was cancelled, once it was. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /**
     * Runs the action when the handle is cancelled, on the cancelling thread, or at once when it
     * already is. Close the returned registration to stop listening.
     */
    Registration onCancel(Runnable action) {
        actions.add(action);
        if (isCancelled()) {
            // Cancelled before or while registering: act now. An action may run twice when the
            // two race; the driver's actions are idempotent.
            action.run();
        }
        return () -> actions.remove(action);
    }

    /** An action registered with {@link #onCancel}; closing it removes it. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
