package io.cascata.core.run;

import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One attempt while it runs on its worker thread, and the one decision that may be made about it
 * from outside: the worker finishing it (then it may commit) or the driver stopping it (a timeout
 * or a cancelled run: its thread is interrupted and it must never commit). Exactly one of them
 * wins, so an attempt stopped at the last moment never publishes its outputs.
 */
final class RunningAttempt {

    private static final Object FINISHED = new Object();

    final TaskNode node;
    final Thread thread;
    /** When the attempt started ({@link System#nanoTime()}): an abandoned attempt still reports how long it ran. */
    final long startNanos = System.nanoTime();
    private final AtomicReference<Object> end = new AtomicReference<>();
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile Future<?> watchdog;

    RunningAttempt(TaskNode node, Thread thread) {
        this.node = node;
        this.thread = thread;
    }

    /** Called by the worker before it commits: true when the attempt may commit, false when it was stopped. */
    boolean finish() {
        boolean won = end.compareAndSet(null, FINISHED);
        disarm();
        return won;
    }

    /** Stops the attempt for a reason and interrupts its thread; false when it had already finished or stopped. */
    boolean stop(FailureReason why) {
        if (!end.compareAndSet(null, why)) {
            return false;
        }
        thread.interrupt();
        return true;
    }

    /** Why the attempt was stopped, or null when it was not. */
    FailureReason stoppedFor() {
        Object e = end.get();
        return e instanceof FailureReason r ? r : null;
    }

    /**
     * True for the one caller that reports how the attempt failed (its TIMEOUT and FAILURE
     * events): the worker when the attempt ends, or the scheduler when it gives up on it first.
     */
    boolean claimReport() {
        return reported.compareAndSet(false, true);
    }

    /** The timer task that stops this attempt at its timeout. */
    void arm(Future<?> timeoutTask) {
        watchdog = timeoutTask;
        if (end.get() != null) {
            timeoutTask.cancel(false);
        }
    }

    /** Cancels the timeout, if any. */
    void disarm() {
        Future<?> w = watchdog;
        if (w != null) {
            w.cancel(false);
        }
    }
}
