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
    void aDirectoryOthersCouldUseOrAPathTooLongForASocketGetsNoServer() throws IOException {
        Files.createDirectories(servers());
        Files.setPosixFilePermissions(servers(), PosixFilePermissions.fromString("rwxrwx---"));
        assertEquals(Optional.empty(), RunServerPlace.of(servers(), jar(), OPTIONS, dir, ENVIRONMENT));

        Files.setPosixFilePermissions(servers(), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(servers().getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(Optional.empty(), RunServerPlace.of(servers(), jar(), OPTIONS, dir, ENVIRONMENT),
                "a parent others can write: they could put their own socket in the way");
        Files.setPosixFilePermissions(servers().getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertTrue(RunServerPlace.of(servers(), jar(), OPTIONS, dir, ENVIRONMENT).isPresent());

        Path deep = dir.resolve("d".repeat(90)).resolve("cascata").resolve("run-servers");
        Files.createDirectories(deep.getParent());
        assertEquals(Optional.empty(), RunServerPlace.of(deep, jar(), OPTIONS, dir, ENVIRONMENT));
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

        RunFrame request = RunFrame.readFrom(in).orElseThrow();
        assertEquals(RunFrame.Kind.REQUEST, request.kind());
        assertEquals(RunFrame.VERSION, request.requestVersion());
        assertTrue(request.requestTerminal());
        assertEquals(args, request.requestArgs());
        RunFrame signal = RunFrame.readFrom(in).orElseThrow();
        assertEquals(RunFrame.Kind.SIGNAL, signal.kind());
        assertArrayEquals("INT".getBytes(java.nio.charset.StandardCharsets.UTF_8), signal.payload());
        assertEquals("143", RunFrame.readFrom(in).orElseThrow().text());
        assertEquals(Optional.empty(), RunFrame.readFrom(in), "the end of the stream");
    }
}
