package io.cascata.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/hdfs as people use it, with its state in a directory of the test's own
 * ({@code CASCATA_HDFS_STATE}) and on a port that was free: a file put before {@code stop} is
 * there after the next {@code start}; {@code format} empties it; {@code stop} leaves alone a
 * process that merely reuses the recorded pid.
 */
class HdfsScriptIT {

    private static final Path SCRIPT = Path.of("").toAbsolutePath().getParent().resolve("scripts/hdfs");

    @TempDir
    Path dir;

    private Path state() {
        return dir.resolve("state");
    }

    /** What one script call printed, standard error included, and returned. */
    private record Call(int code, String out) {
    }

    private Call script(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        File out = dir.resolve("script.out").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out);
        builder.environment().put("CASCATA_HDFS_STATE", state().toString());
        Process p = builder.start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("scripts/hdfs " + String.join(" ", args) + " did not finish");
        }
        return new Call(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() throws Exception {
        script("stop");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aFileOutlivesStopAndStartAndFormatRemovesIt() throws Exception {
        int port = freePort();
        Call started = script("start", String.valueOf(port));
        assertEquals(0, started.code(), started.out());
        assertTrue(started.out().contains("hdfs://127.0.0.1:" + port), started.out());
        Path local = dir.resolve("kept.txt");
        Files.writeString(local, "kept across restarts\n", StandardCharsets.UTF_8);
        Call put = script("dfs", "-put", local.toString(), "/kept.txt");
        assertEquals(0, put.code(), put.out());

        Call stopped = script("stop");
        assertEquals(0, stopped.code(), stopped.out());
        assertTrue(stopped.out().startsWith("stopped (pid "), stopped.out());
        Call restarted = script("start", String.valueOf(port));
        assertEquals(0, restarted.code(), restarted.out());

        Call cat = script("dfs", "-cat", "/kept.txt");
        assertEquals(0, cat.code(), cat.out());
        assertTrue(cat.out().contains("kept across restarts"), cat.out());

        Call refused = script("format");
        assertEquals(1, refused.code(), "format refuses while running: " + refused.out());
        assertEquals(0, script("stop").code());
        assertEquals(0, script("format").code());
        assertEquals(0, script("start", String.valueOf(port)).code());
        Call gone = script("dfs", "-ls", "/kept.txt");
        assertEquals(1, gone.code(), "formatted: the file is gone\n" + gone.out());
    }

    @Test
    void stopLeavesAloneAProcessThatReusesTheRecordedPid() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "120").start();
        try {
            Files.createDirectories(state());
            Files.writeString(state().resolve("pid"), stranger.pid() + "\n");
            Call stopped = script("stop");
            assertEquals(0, stopped.code(), stopped.out());
            assertTrue(stopped.out().contains("not this HDFS's process"), stopped.out());
            assertTrue(stranger.isAlive(), "the other process still runs");
        } finally {
            stranger.destroy();
        }
    }

    @Test
    void startRefusesAPortThatIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Call started = script("start", String.valueOf(taken.getLocalPort()));
            assertEquals(1, started.code(), started.out());
            assertTrue(started.out().contains("port " + taken.getLocalPort() + " on 127.0.0.1 is taken"), started.out());
        }
    }
}
