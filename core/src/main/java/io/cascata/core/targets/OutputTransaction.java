package io.cascata.core.targets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * Ties outputs to the task attempt that writes them: while a task runs, closing a writer does
 * not publish its file yet; the driver commits every staged output after {@code run()} returns
 * normally and aborts them all when it throws. So a failed attempt leaves none of its outputs,
 * even the ones it had finished. Outside a transaction (plain code, tests), closing a writer
 * commits at once.
 */
public final class OutputTransaction implements AutoCloseable {

    private static final ThreadLocal<OutputTransaction> CURRENT = new ThreadLocal<>();

    private final List<StagedOutput> staged = new ArrayList<>();
    private final OutputTransaction previous;
    private boolean finished;

    private OutputTransaction(OutputTransaction previous) {
        this.previous = previous;
    }

    /** Starts a transaction on this thread; close it to end it. */
    public static OutputTransaction begin() {
        OutputTransaction tx = new OutputTransaction(CURRENT.get());
        CURRENT.set(tx);
        return tx;
    }

    /**
     * Hands a closed staged output over: kept for the transaction's commit if one is active on
     * this thread, else committed now.
     */
    public static void stage(StagedOutput output) throws IOException {
        OutputTransaction tx = CURRENT.get();
        if (tx == null) {
            output.commit();
        } else {
            synchronized (tx) {
                tx.staged.add(output);
            }
        }
    }

    /** The final locations of the outputs staged so far. */
    public synchronized Set<String> stagedLocations() {
        Set<String> locations = new HashSet<>();
        for (StagedOutput output : staged) {
            locations.add(output.location());
        }
        return locations;
    }

    /** Publishes every staged output, in the order they were closed; returns their locations. */
    public synchronized Set<String> commit() throws IOException {
        finished = true;
        Set<String> committed = new HashSet<>();
        for (int i = 0; i < staged.size(); i++) {
            try {
                staged.get(i).commit();
                committed.add(staged.get(i).location());
            } catch (IOException | RuntimeException e) {
                for (int j = i + 1; j < staged.size(); j++) {
                    staged.get(j).abort();
                }
                throw e;
            }
        }
        staged.clear();
        return committed;
    }

    /** Discards every staged output. */
    public synchronized void abort() {
        finished = true;
        for (StagedOutput output : staged) {
            output.abort();
        }
        staged.clear();
    }

    /** Ends the transaction; whatever was neither committed nor aborted is aborted. */
    @Override
    public void close() {
        if (!finished) {
            abort();
        }
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
