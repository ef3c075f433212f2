package io.cascata.core.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cascata.core.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What killed writers leave goes once its owner is gone; what live writers are making stays. */
class LeftoversTest {

    private static final Duration TTL = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void temporariesOfDeadProcessesGoAndThoseOfLiveOnesStay() throws Exception {
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long started = gone.info().startInstant().orElseThrow().toEpochMilli();
        assertEquals(true, gone.waitFor(30, TimeUnit.SECONDS));
        String deadTag = Long.toString(gone.pid(), 36) + "k2z";
        Files.writeString(dir.resolve(".a.txt" + TempNames.MARKER + deadTag + "-1"), "half");
        Files.createDirectories(dir.resolve(".b" + TempNames.MARKER + deadTag + "-2").resolve("sub"));
        Files.writeString(dir.resolve(".b" + TempNames.MARKER + deadTag + "-2").resolve("sub").resolve("part"), "x");
        String mine = TempNames.siblingName("c.txt");
        Files.writeString(dir.resolve(mine), "being written");
        // this process's id under another token: an earlier process that had the same id
        String reused = ".d.txt" + TempNames.MARKER + Holder.current().processTag().substring(0,
                Holder.current().processTag().length() - 3) + ("000".equals(TempNames.processToken()) ? "001" : "000") + "-1";
        Files.writeString(dir.resolve(reused), "old");
        LeaseRecord deadLease = new LeaseRecord(new Holder(Holder.current().host(), gone.pid(), started, "k2z"), "i-1",
                TTL.toMillis(), System.currentTimeMillis(), "A");
        Files.write(dir.resolve(".a.txt" + Lease.SUFFIX), deadLease.bytes());
        Files.writeString(dir.resolve("e.txt"), "output");
        Files.writeString(dir.resolve(".hidden-of-the-user"), "kept");

        int removed = Leftovers.sweep(LocalStorage.INSTANCE, dir.toString(), TTL);

        assertEquals(4, removed);
        assertEquals(java.util.stream.Stream.of(".hidden-of-the-user", mine, "e.txt").sorted().toList(), TestFiles.entries(dir));
    }
}
