package io.cascata.core.run;

import io.cascata.core.Shapes;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalLease;
import io.cascata.core.targets.Lease;
import io.cascata.core.targets.Leftovers;
import io.cascata.core.targets.LocalLeases;
import io.cascata.core.targets.LocalStorage;
import io.cascata.core.targets.Storage;
import io.cascata.core.targets.StoredTarget;
import io.cascata.core.targets.Target;
import io.cascata.core.targets.TaskLease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's task leases: a task runs only while this run holds the lease of its first output, so
 * that drivers sharing a workspace never run one task at once. On the local disk a lease is a
 * record lock ({@link io.cascata.core.targets.LocalLease}), which the kernel ends with its
 * process; on a shared file system such as HDFS it is a file ({@link Lease}), renewed by this
 * run's own thread every third of the time to live and broken by others once its holder is gone.
 * A task leased by another process is waited for, up to the lease wait; when the lease goes away
 * the task is looked at again, and counts as complete if the other process completed it. Leases
 * are released when the task's attempts end. The first lease taken in a directory also clears
 * that directory of what killed runs left ({@link Leftovers}).
 *
 * <p>Tasks without outputs, and outputs on file systems without an atomic create-if-absent
 * (object stores), run without a lease.
 */
final class LeaseGate implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseGate.class);
    private static final long FIRST_POLL_MILLIS = 5;
    /** How often a task leased on the local disk is looked at again, at most: a system call each. */
    private static final long MAX_LOCAL_POLL_MILLIS = 200;
    /** Errors in a row before taking a lease fails the task: a file system that keeps refusing is no passing hiccup. */
    private static final int MAX_FAILURES = 5;

    private final Duration ttl;
    private final Duration wait;
    /** File leases, which need renewing. */
    private final Set<Lease> held = ConcurrentHashMap.newKeySet();
    private final LocalLeases local = new LocalLeases();
    private final Set<String> swept = ConcurrentHashMap.newKeySet();
    private final Set<Path> createdDirectories = ConcurrentHashMap.newKeySet();
    /** Process tags ({@link io.cascata.core.targets.Holder#processTag()}) of holders whose leases this run broke. */
    private final Set<String> goneHolders = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewer;
    private final BooleanSupplier cancelled;

    /** @param cancelled whether the run was cancelled: a task waited for is then given up at once */
    LeaseGate(Duration ttl, Duration wait, BooleanSupplier cancelled) {
        this.ttl = ttl;
        this.wait = wait;
        this.cancelled = cancelled;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cascata-lease-renewal");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, ttl.toMillis() / 3);
        renewer.scheduleAtFixedRate(this::renewAll, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs a task's attempt under its lease and returns what the attempt returned; returns null
     * when the attempt did not run because another process settled the task, having set the
     * node's state: {@link TaskState#ALREADY_DONE} when it completed the task first,
     * {@link TaskState#RUN_BY_OTHER_WORKER} when it held the task for the whole lease wait,
     * or still pending as interrupted when the run was cancelled during the wait.
     */
    <R> R guard(TaskNode node, Function<TaskNode, R> attempt) {
        Optional<Place> place = placeOf(node);
        if (place.isEmpty()) {
            return attempt.apply(node);
        }
        TaskLease lease;
        try {
            sweepOnce(place.get());
            Optional<? extends TaskLease> taken = place.get().local() ? takeLocal(node, place.get()) : take(node, place.get());
            if (taken.isEmpty()) {
                if (cancelled.getAsBoolean()) {
                    node.reason = PendingReason.RUN_INTERRUPTED;
                } else {
                    node.state = TaskState.RUN_BY_OTHER_WORKER;
                }
                return null;
            }
            lease = taken.get();
            if (!knownIncomplete(node, place.get(), lease) && completeNow(node)) {
                LOG.debug("{} was completed by another process", node.id);
                release(lease);
                node.state = TaskState.ALREADY_DONE;
                return null;
            }
        } catch (IOException e) {
            // The lease file cannot be made beside the first output even after retries (a file
            // where its directory should be, no permission): the attempt cannot write that output
            // either, so it runs and fails with its own error, reported as every failure is.
            LOG.debug("{}: cannot take the lease on {}: {}", node.id, place.get().output, e.getMessage(), e);
            return attempt.apply(node);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.reason = PendingReason.RUN_INTERRUPTED;
            return null;
        }
        if (!(lease instanceof Lease file)) {
            try {
                return attempt.apply(node);
            } finally {
                release(lease);
            }
        }
        held.add(file);
        try {
            return attempt.apply(node);
        } finally {
            synchronized (file) {
                // Under the lease's lock: a renewal that picked this lease up must not find its
                // file gone and take that for a takeover.
                held.remove(file);
                release(file);
            }
        }
    }

    /**
     * Takes a lease on the local disk, waiting while another process holds it (the kernel ends it
     * when that process ends); empty when the wait ran out or the run was cancelled.
     */
    private Optional<? extends TaskLease> takeLocal(TaskNode node, Place place) throws IOException, InterruptedException {
        Path output = LocalStorage.path(place.output);
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = FIRST_POLL_MILLIS;
        boolean told = false;
        while (true) {
            Optional<? extends TaskLease> lease = local.tryTake(output);
            if (lease.isPresent() && told) {
                // Its holder gave it up, or died: what a dead holder was writing here is left over.
                sweep(place);
            }
            if (lease.isPresent() || cancelled.getAsBoolean()) {
                return lease;
            }
            if (System.nanoTime() - deadline >= 0) {
                String holder = local.holderOf(output);
                node.errorText = "being run by " + holder + " (lease in " + LocalLeases.leaseFileOf(output) + ")";
                LOG.warn("{} is still being run by {}; gave up after waiting {}", node.id, holder, wait);
                return Optional.empty();
            }
            if (!told) {
                LOG.info("{} is being run by {}; waiting for it (up to {})", node.id, local.holderOf(output), wait);
                told = true;
            }
            Thread.sleep(pause);
            pause = Math.min(MAX_LOCAL_POLL_MILLIS, pause * 2);
        }
    }

    /** Takes the lease, waiting while a live process holds it; empty when the wait ran out. */
    private Optional<Lease> take(TaskNode node, Place place) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = FIRST_POLL_MILLIS;
        long maxPause = Math.max(FIRST_POLL_MILLIS, Math.min(500, ttl.toMillis() / 4));
        Lease.Sighting first = null;
        boolean told = false;
        int failures = 0;
        while (true) {
            Optional<Lease> lease;
            Optional<Lease.Sighting> seen;
            try {
                lease = Lease.tryTake(place.storage, place.lease, ttl, node.id.display());
                if (lease.isPresent()) {
                    return lease;
                }
                seen = Lease.look(place.storage, place.lease);
                failures = 0;
            } catch (IOException e) {
                if (++failures >= MAX_FAILURES || System.nanoTime() - deadline >= 0) {
                    throw e;
                }
                LOG.debug("{}: retrying the lease {} after {}", node.id, place.lease, e.getMessage());
                Thread.sleep(pause);
                pause = Math.min(maxPause, pause * 2);
                continue;
            }
            if (seen.isEmpty()) {
                continue; // released between the two calls
            }
            if (first == null || !first.unchangedIn(seen.get())) {
                first = seen.get();
            }
            if (seen.get().stale(first, ttl)) {
                Lease.Sighting stale = seen.get();
                try {
                    if (Lease.breakStale(place.storage, place.lease, stale, ttl)) {
                        LOG.warn("{}: took over the lease of {}, whose holder is gone", node.id, stale.describe());
                        // What the gone holder was writing in this directory is left over now.
                        stale.record().ifPresent(r -> goneHolders.add(r.holder().processTag()));
                        sweep(place);
                    }
                } catch (IOException e) {
                    LOG.debug("{}: could not break the lease {}: {}", node.id, place.lease, e.getMessage());
                }
                first = null;
                continue;
            }
            if (cancelled.getAsBoolean()) {
                return Optional.empty();
            }
            if (System.nanoTime() - deadline >= 0) {
                node.errorText = "being run by " + seen.get().describe() + " (lease " + place.lease + ")";
                LOG.warn("{} is still being run by {}; gave up after waiting {}", node.id, seen.get().describe(), wait);
                return Optional.empty();
            }
            if (!told) {
                LOG.info("{} is being run by {}; waiting for it (up to {})", node.id, seen.get().describe(), wait);
                told = true;
            }
            Thread.sleep(pause);
            pause = Math.min(maxPause, pause * 2);
        }
    }

    /**
     * Whether the task's outputs are known to be missing still, without looking: its first attempt,
     * completeness decided by its outputs alone, all of them in the lease's directory, and no other
     * driver there since this run found that directory empty
     * ({@link LocalLease#untouchedSinceEmpty()}): the outputs were missing then, and only a driver
     * holding the task's lease writes them. (Two tasks declaring one output are not told apart:
     * the second runs even though the first made it.)
     */
    private static boolean knownIncomplete(TaskNode node, Place place, TaskLease lease) {
        try {
            return node.attempts == 0 && place.allOutputsInDirectory && OUTPUTS_DECIDE.get(node.task.getClass())
                    && lease instanceof LocalLease local && local.untouchedSinceEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a task class leaves {@link Task#complete()} as it is: then its outputs decide. */
    private static final ClassValue<Boolean> OUTPUTS_DECIDE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("complete").getDeclaringClass() == Task.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    private static boolean completeNow(TaskNode node) {
        try {
            return node.task.complete();
        } catch (RuntimeException e) {
            return false; // the attempt's own output check decides
        }
    }

    private void sweepOnce(Place place) {
        if (swept.add(place.directory)) {
            noteMissingDirectories(place);
            sweep(place);
        }
    }

    /**
     * Remembers which directories of a lease's path do not exist yet on the local disk: taking
     * the lease creates them, and those still empty when the run ends are removed again, so that
     * a run whose tasks all failed leaves nothing behind.
     */
    private void noteMissingDirectories(Place place) {
        if (!(place.storage instanceof LocalStorage)) {
            return;
        }
        for (Path d = LocalStorage.path(place.directory).toAbsolutePath(); d != null && !Files.exists(d); d = d.getParent()) {
            createdDirectories.add(d);
        }
    }

    private void sweep(Place place) {
        try {
            Leftovers.sweep(place.storage, place.directory, ttl, goneHolders);
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not clear leftovers from {}: {}", place.directory, e.getMessage(), e);
        }
    }

    private void release(TaskLease lease) {
        try {
            lease.release();
        } catch (IOException e) {
            LOG.warn("cannot release the lease {}: {}", lease.location(), e.getMessage());
        }
    }

    private void renewAll() {
        for (Lease lease : held) {
            try {
                synchronized (lease) {
                    if (held.contains(lease) && !lease.renew()) {
                        LOG.error("the lease {} was taken over by another process (this one was judged gone): "
                                + "its task may run twice; raise [core] lease-ttl", lease.location());
                        held.remove(lease);
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot renew the lease {}: {}", lease.location(), e.getMessage());
            }
        }
    }

    /** Where a task's lease goes: beside its first output, when that is on a file system that can hold one. */
    private static Optional<Place> placeOf(TaskNode node) {
        List<Target> outputs;
        try {
            outputs = Shapes.targets(node.task.output());
        } catch (RuntimeException e) {
            return Optional.empty(); // the attempt fails on it and says why
        }
        if (outputs.isEmpty() || !(outputs.get(0) instanceof StoredTarget first) || !first.storage().supportsLeases()) {
            return Optional.empty();
        }
        Storage storage = first.storage();
        try {
            // A lease on the local disk is a record lock, not a file: no file name to make per task.
            String lease = storage instanceof LocalStorage ? null : Lease.locationFor(storage, first.location());
            String directory = storage.parent(first.location()).orElseThrow();
            boolean allInDirectory = true;
            for (Target output : outputs) {
                allInDirectory &= output instanceof StoredTarget stored && stored.storage().equals(storage)
                        && directory.equals(storage.parent(stored.location()).orElse(null));
            }
            return Optional.of(new Place(storage, directory, lease, first.location(), allInDirectory));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        local.close(); // before the directories: its lease files may be all that is in them
        List<Path> deepestFirst = new java.util.ArrayList<>(createdDirectories);
        deepestFirst.sort(java.util.Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path d : deepestFirst) {
            try {
                Files.deleteIfExists(d); // only when empty: a directory with anything in it stays
            } catch (IOException notEmptyOrGone) {
                // something was written there
            }
        }
    }

    /**
     * A lease's file system, directory, file (null for a record lock on the local disk), the
     * output it stands for, and whether all the task's outputs are in that directory.
     */
    private record Place(Storage storage, String directory, String lease, String output, boolean allOutputsInDirectory) {

        /** Whether the lease is a record lock on the local disk rather than a file. */
        boolean local() {
            return storage instanceof LocalStorage;
        }
    }
}
