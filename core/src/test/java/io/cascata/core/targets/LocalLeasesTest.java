package io.cascata.core.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.TestFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leases on the local disk between real processes: held while the holder lives (also stopped),
 * free the moment it dies, named in messages, and their file deleted by the last process that
 * has it open, never under another.
 */
class LocalLeasesTest {

    @TempDir
    Path tmp;

    private final List<Holding> children = new ArrayList<>();

    @AfterEach
    void stopChildren() throws Exception {
        for (Holding child : children) {
            child.process.destroyForcibly();
            child.process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** A child process holding (or trying) the lease on an output. */
    private record Holding(Process process, BufferedReader out, Writer in) {

        String next() throws IOException {
            String line = out.readLine();
            if (line == null) {
                throw new AssertionError("the child ended: " + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            return line;
        }

        void close() throws IOException {
            in.write("close\n");
            in.flush();
            assertEquals("closed", next());
        }
    }

    private Holding child(Path output) throws IOException {
        return child(output.toString());
    }

    private Holding child(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), LeaseHolderProcess.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        Holding h = new Holding(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)),
                new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
        children.add(h);
        return h;
    }

    @Test
    void aLeaseHeldByAnotherProcessIsRefusedAndNamedAndFreeOnceItDies() throws Exception {
        Path output = tmp.resolve("out/part.txt");
        Holding holder = child(output);
        assertEquals("taken", holder.next());
        try (LocalLeases leases = new LocalLeases()) {
            assertEquals(Optional.empty(), leases.tryTake(output));
            String pid = Long.toString(holder.process.pid());
            assertTrue(leases.holderOf(output).startsWith("pid " + pid + " on "), leases.holderOf(output));
            leases.tryTake(tmp.resolve("out/other.txt")).orElseThrow().release(); // another output of the directory is free

            ProcessBuilder stop = new ProcessBuilder("kill", "-STOP", pid);
            assertEquals(0, stop.start().waitFor());
            String named = leases.holderOf(output);
            for (int i = 0; i < 100 && !named.endsWith("(stopped)"); i++) {
                Thread.sleep(50); // the signal is delivered asynchronously
                named = leases.holderOf(output);
            }
            assertTrue(named.endsWith("(stopped)"), named);
            assertEquals(Optional.empty(), leases.tryTake(output), "a stopped process still holds its lease");

            holder.process.destroyForcibly();
            assertTrue(holder.process.waitFor(20, TimeUnit.SECONDS));
            Optional<LocalLease> taken = leases.tryTake(output);
            assertTrue(taken.isPresent(), "the lease ended with its process");
            assertTrue(Files.exists(LocalLeases.leaseFileOf(output)));
            taken.get().release();
        }
        assertEquals(List.of("out"), TestFiles.entries(tmp), "the lease file went with the last run using it");
        assertEquals(List.of(), TestFiles.entries(tmp.resolve("out")));
    }

    @Test
    void aRunKeepsTheLeaseFileWhileAnotherProcessHoldsALeaseInIt() throws Exception {
        Path output = tmp.resolve("a.txt");
        Holding holder = child(output);
        assertEquals("taken", holder.next());
        try (LocalLeases leases = new LocalLeases()) {
            leases.tryTake(tmp.resolve("b.txt")).orElseThrow().release();
        }
        assertTrue(Files.exists(LocalLeases.leaseFileOf(output)), "still in use by the child");
        Holding other = child(output);
        assertEquals("held", other.next(), "the child's lease still holds after this run let go of the file");
        other.close();
        holder.close();
        assertEquals(List.of(), TestFiles.entries(tmp));
    }

    @Test
    void anotherProcessEndingLeavesTheLeaseFileThisProcessHasOpen() throws Exception {
        Path output = tmp.resolve("a.txt");
        try (LocalLeases leases = new LocalLeases()) {
            leases.tryTake(output).orElseThrow().release();
            Object before = LeaseLockFile.fileKeyAt(LocalLeases.leaseFileOf(output));
            Holding other = child(tmp.resolve("b.txt"));
            assertEquals("taken", other.next());
            other.close();
            assertEquals(before, LeaseLockFile.fileKeyAt(LocalLeases.leaseFileOf(output)),
                    "the other process found this one using the file and left it");

            LocalLease again = leases.tryTake(output).orElseThrow();
            Holding third = child(output);
            assertEquals("held", third.next(), "both processes lock regions of the one file the path names");
            third.close();
            again.release();
        }
        assertEquals(List.of(), TestFiles.entries(tmp), "the last process using the file deleted it");
    }

    @Test
    void noLeaseIsTakenInALeaseFileBeingDeletedAndAfterwardsItIsOpenedAnew() throws Exception {
        Path output = tmp.resolve("a.txt");
        Path leaseFile = LocalLeases.leaseFileOf(output);
        Holding deleter = child("--delete", leaseFile.toString());
        assertEquals("locked", deleter.next());
        Object deleted = LeaseLockFile.fileKeyAt(leaseFile);
        try (LocalLeases leases = new LocalLeases()) {
            assertEquals(Optional.empty(), leases.tryTake(output), "the file is held whole by a run deleting it");
            assertTrue(leases.holderOf(output).startsWith("pid " + deleter.process().pid() + " on "), leases.holderOf(output));
            deleter.in().write("delete\n");
            deleter.in().flush();
            assertEquals("deleted", deleter.next());

            LocalLease lease = leases.tryTake(output).orElseThrow();
            Object now = LeaseLockFile.fileKeyAt(leaseFile);
            assertNotEquals(null, now);
            Holding other = child(output);
            assertEquals("held", other.next(), "the lease is on the file the path names now (" + deleted + ", " + now + ")");
            other.close();
            lease.release();
        }
        assertEquals(List.of(), TestFiles.entries(tmp));
    }

    @Test
    void aDirectoryReachedThroughALinkSharesItsLeaseFile() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        LocalLeases first = new LocalLeases();
        LocalLease held = first.tryTake(real.resolve("a.txt")).orElseThrow();
        try (LocalLeases second = new LocalLeases()) {
            assertEquals(Optional.empty(), second.tryTake(link.resolve("a.txt")), "one output, two paths");
            second.tryTake(link.resolve("b.txt")).orElseThrow().release();
        }
        Holding child = child(real.resolve("a.txt"));
        assertEquals("held", child.next(), "the second run's use of the link dropped no lock of the first");
        child.close();
        held.release();
        first.close();
        Files.delete(link);
        assertEquals(List.of("real"), TestFiles.entries(tmp));
        assertEquals(List.of(), TestFiles.entries(real));
    }

    @Test
    void aDirectoryIsUntouchedWhileOnlyThisRunWritesThereSinceItFoundItEmpty() throws Exception {
        Path dir = ownersOnly(tmp.resolve("out"));
        try (LocalLeases leases = new LocalLeases()) {
            LocalLease first = leases.tryTake(dir.resolve("a.txt")).orElseThrow();
            assertTrue(first.untouchedSinceEmpty(), "the first process into an empty directory");
            first.release();
            Files.writeString(dir.resolve("a.txt"), "this run's own output");
            LocalLease second = leases.tryTake(dir.resolve("b.txt")).orElseThrow();
            assertTrue(second.untouchedSinceEmpty(), "what this run wrote itself does not count");
            second.release();

            Holding other = child(dir.resolve("c.txt"));
            assertEquals("taken", other.next());
            other.close();
            LocalLease after = leases.tryTake(dir.resolve("d.txt")).orElseThrow();
            assertFalse(after.untouchedSinceEmpty(), "another process opened the lease file since");
            after.release();
        }
    }

    @Test
    void aDirectoryIsNotUntouchedWhenItHeldFilesOrAnotherProcessOrRunCameFirst() throws Exception {
        Path full = ownersOnly(tmp.resolve("full"));
        Files.writeString(full.resolve("old.txt"), "written before");
        try (LocalLeases leases = new LocalLeases()) {
            LocalLease lease = leases.tryTake(full.resolve("a.txt")).orElseThrow();
            assertFalse(lease.untouchedSinceEmpty(), "the directory held a file when the lease file was opened");
            lease.release();
        }

        Path shared = ownersOnly(tmp.resolve("shared"));
        Holding before = child(shared.resolve("a.txt"));
        assertEquals("taken", before.next());
        try (LocalLeases leases = new LocalLeases()) {
            LocalLease lease = leases.tryTake(shared.resolve("b.txt")).orElseThrow();
            assertFalse(lease.untouchedSinceEmpty(), "another process had the lease file open first");
            lease.release();
        }
        before.close();

        Path twice = ownersOnly(tmp.resolve("twice"));
        try (LocalLeases first = new LocalLeases(); LocalLeases second = new LocalLeases()) {
            LocalLease a = first.tryTake(twice.resolve("a.txt")).orElseThrow();
            LocalLease b = second.tryTake(twice.resolve("b.txt")).orElseThrow();
            assertFalse(a.untouchedSinceEmpty(), "another run of this process uses the directory too");
            assertFalse(b.untouchedSinceEmpty());
            a.release();
            b.release();
        }

        Path group = Files.createDirectories(tmp.resolve("group"));
        Files.setPosixFilePermissions(group, PosixFilePermissions.fromString("rwxrwxr-x"));
        try (LocalLeases leases = new LocalLeases()) {
            LocalLease lease = leases.tryTake(group.resolve("a.txt")).orElseThrow();
            assertFalse(lease.untouchedSinceEmpty(), "a directory others can write: a driver of another user might not be counted");
            lease.release();
        }
    }

    /** A new directory only its owner can write, whatever the umask. */
    private static Path ownersOnly(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    @Test
    void twoRunsInOneProcessExcludeEachOtherAndLettingGoOfTheFileKeepsTheOthersLease() throws Exception {
        Path output = tmp.resolve("a.txt");
        LocalLeases first = new LocalLeases();
        LocalLease held = first.tryTake(output).orElseThrow();
        try (LocalLeases second = new LocalLeases()) {
            assertEquals(Optional.empty(), second.tryTake(output));
            assertEquals("another run in this process", second.holderOf(output));
            second.tryTake(tmp.resolve("b.txt")).orElseThrow().release();
        }
        Holding child = child(output);
        assertEquals("held", child.next(), "the second run's end did not drop the first run's lock");
        child.close();
        held.release();
        first.close();
        assertEquals(List.of(), TestFiles.entries(tmp));
    }

    @Test
    void namesOfOneDirectoryGetDistinctRegions() {
        Set<Long> regions = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            long region = LocalLease.regionOf(i + ".txt");
            assertTrue(region >= 0 && region < LeaseLockFile.RESERVED);
            regions.add(region);
        }
        assertEquals(200_000, regions.size());
    }
}
