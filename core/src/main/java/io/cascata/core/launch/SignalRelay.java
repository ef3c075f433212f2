package io.cascata.core.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hands a run server's client's signals to whoever handles them for the run ({@link ServedRun});
 * those that come before a handler is set are kept for it.
 */
public final class SignalRelay {

    private final List<String> early = new ArrayList<>();
    private Consumer<String> handler;

    /** From now on, each signal the client receives goes to {@code handler} ({@code INT}, {@code TERM}, {@code HUP}). */
    public void handOn(Consumer<String> handler) {
        List<String> waiting;
        synchronized (this) {
            this.handler = handler;
            waiting = List.copyOf(early);
            early.clear();
        }
        waiting.forEach(handler);
    }

    void deliver(String signal) {
        Consumer<String> to;
        synchronized (this) {
            to = handler;
            if (to == null) {
                early.add(signal);
                return;
            }
        }
        to.accept(signal);
    }
}
