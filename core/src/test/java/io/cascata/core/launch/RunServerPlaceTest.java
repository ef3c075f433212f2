package io.cascata.core.launch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which runs share a run server, where its files may be, and the messages its clients exchange with it. */
class RunServerPlaceTest {

    private static final List<String> OPTIONS = List.of("-Xmx1g");
    private static final Map<String, String> ENVIRONMENT = Map.of("HOME", "/home/someone", "LANG", "C.UTF-8");

    @TempDir
    Path dir;

    private Path jar() throws IOException {
        Path jar = dir.resolve("pipeline.jar");
        if (!Files.exists(jar)) {
            Files.writeString(jar, "a jar's bytes");
        }
        return jar;
    }

    private Path servers() {
        return dir.resolve("cascata").resolve("run-servers");
    }

    private Path socket(List<String> options, Path workingDirectory, Map<String, String> environment) throws IOException {
        Files.createDirectories(servers().getParent());
        Files.setPosixFilePermissions(servers().getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        return RunServerPlace.of(servers(), jar(), options, workingDirectory, environment).orElseThrow().socket();
    }

    @Test
    void runsThatWouldStartTheSameJvmShareAServerAndOthersGetTheirOwn() throws IOException {
        Path same = socket(OPTIONS, dir, ENVIRONMENT);
        assertEquals(same, socket(OPTIONS, dir, ENVIRONMENT));
        Map<String, String> shellNoise = new java.util.HashMap<>(ENVIRONMENT);
        shellNoise.put("_", "/usr/bin/java");
        shellNoise.put("OLDPWD", "/elsewhere");
        assertEquals(same, socket(OPTIONS, dir, shellNoise), "what a shell sets for each command does not count");

        assertNotEquals(same, socket(List.of("-Xmx2g"), dir, ENVIRONMENT), "other JVM options");
        assertNotEquals(same, socket(OPTIONS, dir.resolve("elsewhere"), ENVIRONMENT), "another working directory");
        assertNotEquals(same, socket(OPTIONS, dir, Map.of("HOME", "/home/someone", "LANG", "de_DE.UTF-8")),
                "another environment");
        Files.setLastModifiedTime(jar(), FileTime.fromMillis(Files.getLastModifiedTime(jar()).toMillis() + 1000));
        assertNotEquals(same, socket(OPTIONS, dir, ENVIRONMENT), "a rebuilt jar");

        RunServerPlace place = RunServerPlace.at(same);
        assertEquals(same.resolveSibling(same.getFileName().toString().replace(".sock", ".log")), place.log());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(servers())));
    }

    @Test
    void itsOwnDirectoriesAreClosedToOthersAndALinkOrAPathTooLongForASocketGetsNoServer() throws IOException {
        Files.createDirectories(servers());
        Files.setPosixFilePermissions(servers().getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(servers(), PosixFilePermissions.fromString("rwxrwx---"));
        assertTrue(RunServerPlace.of(servers(), jar(), OPTIONS, dir, ENVIRONMENT).isPresent());
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(servers().getParent())),
                "made under a umask that left it open to others: closed");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(servers())));

        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path linked = Files.createDirectories(dir.resolve("linked")).resolve("run-servers");
        Files.setPosixFilePermissions(linked.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(linked, elsewhere);
        assertEquals(Optional.empty(), RunServerPlace.of(linked, jar(), OPTIONS, dir, ENVIRONMENT),
                "a link could lead to a directory someone else controls");

        Path deep = dir.resolve("d".repeat(90)).resolve("cascata").resolve("run-servers");
        Files.createDirectories(deep.getParent());
        Files.setPosixFilePermissions(deep.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(Optional.empty(), RunServerPlace.of(deep, jar(), OPTIONS, dir, ENVIRONMENT));
        Path shallow = dir.resolve("d".repeat(10)).resolve("cascata").resolve("run-servers");
        Files.createDirectories(shallow.getParent());
        Files.setPosixFilePermissions(shallow.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertTrue(RunServerPlace.of(shallow, jar(), OPTIONS, dir, ENVIRONMENT).isPresent(), "the same, shorter");
    }

    @Test
    void messagesKeepTheirKindAndBytesAndTheRequestItsArguments() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        List<String> args = List.of("TopWords", "--input", "ä b.txt", "");
        RunFrame.request(true, args).writeTo(out);
        RunFrame.text(RunFrame.Kind.SIGNAL, "INT").writeTo(out);
        RunFrame.exit(143).writeTo(out);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));

        RunFrame frame = RunFrame.readFrom(in).orElseThrow();
        assertEquals(RunFrame.Kind.REQUEST, frame.kind());
        RunFrame.Request request = frame.request();
        assertEquals(RunFrame.VERSION, request.version());
        assertTrue(request.terminal());
        assertEquals(args, request.args());
        RunFrame signal = RunFrame.readFrom(in).orElseThrow();
        assertEquals(RunFrame.Kind.SIGNAL, signal.kind());
        assertArrayEquals("INT".getBytes(java.nio.charset.StandardCharsets.UTF_8), signal.payload());
        assertEquals("143", RunFrame.readFrom(in).orElseThrow().text());
        assertEquals(Optional.empty(), RunFrame.readFrom(in), "the end of the stream");
    }
}
