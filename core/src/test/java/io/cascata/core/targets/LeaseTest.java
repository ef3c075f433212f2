package io.cascata.core.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases on the local disk: exclusive, renewed, expiring when their holder is gone, broken by one taker only. */
class LeaseTest {

    private static final Storage DISK = LocalStorage.INSTANCE;
    private static final Duration TTL = Duration.ofMillis(400);

    @TempDir
    Path dir;

    private String leaseOf(String name) throws Exception {
        return Lease.locationFor(DISK, dir.resolve(name).toString());
    }

    /** A lease file as another process would have written it. */
    private void writeForeign(String location, Holder holder, long ttlMillis) throws Exception {
        LeaseRecord record = new LeaseRecord(holder, "other-1-x", ttlMillis, System.currentTimeMillis(), "Task(x=1)");
        assertTrue(DISK.createExclusive(location, record.bytes()));
    }

    @Test
    void aLeaseIsExclusiveAndItsFileGoesOnRelease() throws Exception {
        String location = leaseOf("out.txt");
        assertEquals(dir.resolve(".out.txt.cascata-lease").toString(), location);
        Lease first = Lease.tryTake(DISK, location, TTL, "T").orElseThrow();
        assertTrue(Lease.tryTake(DISK, location, TTL, "T").isEmpty(), "a second take while held");
        Lease.Sighting seen = Lease.look(DISK, location).orElseThrow();
        assertEquals(Holder.current(), seen.record().orElseThrow().holder());
        assertFalse(seen.stale(seen, TTL), "a fresh lease of a live holder");
        first.release();
        assertEquals(List.of(), TestFiles.entries(dir));
        assertTrue(Lease.tryTake(DISK, location, TTL, "T").isPresent());
    }

    @Test
    void aLeaseOfAHolderOnAnotherHostExpiresAfterItsTimeToLiveWithoutRenewal() throws Exception {
        String location = leaseOf("out.txt");
        writeForeign(location, new Holder("elsewhere.example", 4242, 1, "abc"), TTL.toMillis());
        Lease.Sighting first = Lease.look(DISK, location).orElseThrow();
        assertFalse(first.stale(first, TTL));
        Thread.sleep(TTL.toMillis() / 2);
        Lease.Sighting later = Lease.look(DISK, location).orElseThrow();
        assertFalse(later.stale(first, TTL), "half its time to live");
        Thread.sleep(TTL.toMillis() / 2 + 50);
        Lease.Sighting expired = Lease.look(DISK, location).orElseThrow();
        assertTrue(expired.stale(first, TTL), "unrenewed for its time to live");
        assertTrue(Lease.breakStale(DISK, location, expired, TTL));
        assertTrue(Lease.tryTake(DISK, location, TTL, "T").isPresent(), "taken over");
        assertEquals(List.of(".out.txt.cascata-lease"), TestFiles.entries(dir), "no break marker left");
    }

    @Test
    void aRenewedLeaseNeverExpires() throws Exception {
        String location = leaseOf("out.txt");
        Lease lease = Lease.tryTake(DISK, location, TTL, "T").orElseThrow();
        Lease.Sighting first = Lease.look(DISK, location).orElseThrow();
        long end = System.nanoTime() + 3 * TTL.toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(TTL.toMillis() / 4);
            assertTrue(lease.renew());
            Lease.Sighting now = Lease.look(DISK, location).orElseThrow();
            if (!first.unchangedIn(now)) {
                first = now;
            }
            assertFalse(now.stale(first, TTL));
        }
    }

    @Test
    void aLeaseOfADeadProcessOnThisHostIsStaleAtOnce() throws Exception {
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long started = gone.info().startInstant().orElseThrow().toEpochMilli();
        assertTrue(gone.waitFor(30, TimeUnit.SECONDS));
        String location = leaseOf("out.txt");
        writeForeign(location, new Holder(Holder.current().host(), gone.pid(), started, "zzz"), Duration.ofHours(1).toMillis());
        Lease.Sighting seen = Lease.look(DISK, location).orElseThrow();
        assertTrue(seen.stale(seen, TTL), "its process is gone");
        assertTrue(seen.describe().contains("pid " + gone.pid()), seen.describe());
    }

    @Test
    void aLeaseOfALiveProcessOnThisHostLastsItsTimeToLive() throws Exception {
        String location = leaseOf("out.txt");
        ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
        writeForeign(location, new Holder(Holder.current().host(), parent.pid(),
                parent.info().startInstant().orElseThrow().toEpochMilli(), "zzz"), Duration.ofHours(1).toMillis());
        Lease.Sighting seen = Lease.look(DISK, location).orElseThrow();
        assertFalse(seen.stale(seen, TTL));
    }

    @Test
    void ofManyTakersBreakingOneStaleLeaseAtOnceExactlyOneHoldsIt() throws Exception {
        int takers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(takers);
        try {
            for (int round = 0; round < 100; round++) {
                String location = leaseOf("out-" + round + ".txt");
                writeForeign(location, new Holder("elsewhere.example", 4242, 1, "abc"), 1);
                Thread.sleep(5); // older than twice its time to live
                CyclicBarrier start = new CyclicBarrier(takers);
                List<Future<Optional<Lease>>> results = new ArrayList<>();
                for (int t = 0; t < takers; t++) {
                    Callable<Optional<Lease>> taker = () -> {
                        start.await();
                        for (int tries = 0; tries < 3; tries++) {
                            Optional<Lease> lease = Lease.tryTake(DISK, location, Duration.ofMinutes(1), "T");
                            if (lease.isPresent()) {
                                return lease;
                            }
                            Optional<Lease.Sighting> seen = Lease.look(DISK, location);
                            if (seen.isPresent() && seen.get().stale(seen.get(), TTL)) {
                                Lease.breakStale(DISK, location, seen.get(), TTL);
                            }
                        }
                        return Optional.empty();
                    };
                    results.add(pool.submit(taker));
                }
                int holders = 0;
                for (Future<Optional<Lease>> r : results) {
                    holders += r.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
                }
                assertEquals(1, holders, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(TestFiles.entries(dir).stream().noneMatch(n -> n.contains("-break-")), TestFiles.entries(dir).toString());
    }

    @Test
    void aBreakerThatDiedLeavesAMarkerTheNextBreakerStepsOver() throws Exception {
        String location = leaseOf("out.txt");
        writeForeign(location, new Holder("elsewhere.example", 4242, 1, "abc"), 1);
        Thread.sleep(5);
        Lease.Sighting stale = Lease.look(DISK, location).orElseThrow();
        // a breaker from a dead process on this host got as far as its marker
        Files.writeString(Path.of(location + "-break-" + stale.instance() + ".1"),
                new Holder(Holder.current().host(), Long.MAX_VALUE - 1, 1, "qqq").format());
        assertTrue(Lease.breakStale(DISK, location, stale, TTL));
        assertTrue(Lease.tryTake(DISK, location, TTL, "T").isPresent());
        // the dead breaker's marker refers to a lease that is gone: the sweep removes it
        Leftovers.sweep(DISK, dir.toString(), TTL);
        assertEquals(List.of(".out.txt.cascata-lease"), TestFiles.entries(dir));
    }

    @Test
    void aLeaseTakenOverIsNoLongerRenewedNorRemovedByItsFormerHolder() throws Exception {
        String location = leaseOf("out.txt");
        Lease mine = Lease.tryTake(DISK, location, TTL, "T").orElseThrow();
        Files.delete(Path.of(location)); // as a breaker that judged this process gone would
        Lease theirs = Lease.tryTake(DISK, location, TTL, "T").orElseThrow();
        assertFalse(mine.renew(), "the former holder sees it lost the lease");
        mine.release();
        assertEquals(theirs.record().instance(), Lease.look(DISK, location).orElseThrow().instance(), "still theirs");
    }
}
