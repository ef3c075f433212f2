package io.cascata.core.targets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One task attempt's outputs: while a task runs, closing a writer does not publish its file
 * yet; the driver commits every staged output after {@code run()} returns normally and aborts
 * them all when it throws. So a failed attempt leaves none of its outputs, even the ones it had
 * finished. Outside an attempt (plain code, tests), closing a writer commits at once.
 *
 * <p>An output belongs to the attempt when it is closed on the attempt's own thread, or, on any
 * other thread (a parallel stream, {@code CompletableFuture.runAsync}, a pool of the task's own),
 * when its location is one of the outputs the attempt declared. The table of declared outputs is
 * the one piece of state shared by every driver in the process, as the file system it mirrors
 * is: two attempts never legitimately write the same location at once. The attempt that declared
 * a location owns it even when another attempt's transaction is the thread's current one, so the
 * tasks of a chain run as one unit (see {@code FusingExecutor}) each stage their own outputs.
 */
public final class OutputTransaction implements AutoCloseable {

    private static final ThreadLocal<OutputTransaction> CURRENT = new ThreadLocal<>();
    private static final Map<String, OutputTransaction> BY_DECLARED_OUTPUT = new ConcurrentHashMap<>();

    private final List<StagedOutput> staged = new ArrayList<>();
    private final OutputTransaction previous;
    private final List<String> declared;
    private boolean finished;

    private OutputTransaction(OutputTransaction previous, Collection<String> declared) {
        this.previous = previous;
        this.declared = List.copyOf(declared);
    }

    /** Starts a transaction on this thread that claims no locations; close it to end it. */
    public static OutputTransaction begin() {
        return begin(List.of());
    }

    /**
     * Starts an attempt's transaction on this thread; outputs at the declared locations belong to
     * it whichever thread closes them. Close it to end it.
     */
    public static OutputTransaction begin(Collection<String> declaredLocations) {
        OutputTransaction tx = new OutputTransaction(CURRENT.get(), declaredLocations);
        CURRENT.set(tx);
        for (String location : tx.declared) {
            BY_DECLARED_OUTPUT.put(location, tx);
        }
        return tx;
    }

    /**
     * Hands a closed staged output over: kept for the commit of the attempt it belongs to, or
     * committed now when it belongs to none.
     */
    public static void stage(StagedOutput output) throws IOException {
        OutputTransaction tx = CURRENT.get();
        if (tx == null || !tx.declared.contains(output.location())) {
            // The attempt that declared the location owns it: several attempts' transactions are
            // open on one thread when a chain of tasks runs as one (each commits its own outputs).
            OutputTransaction declarer = BY_DECLARED_OUTPUT.get(output.location());
            if (declarer != null) {
                tx = declarer;
            }
        }
        if (tx == null || !tx.accept(output)) {
            output.commit();
        }
    }

    private synchronized boolean accept(StagedOutput output) {
        if (finished) {
            return false;
        }
        staged.add(output);
        return true;
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
        synchronized (this) {
            if (!finished) {
                abort();
            }
        }
        for (String location : declared) {
            BY_DECLARED_OUTPUT.remove(location, this);
        }
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
