package io.cascata.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a session cluster's jobs rely on: a class loader given only the pointer jar reads the jar
 * it names (in a directory with a space, as upload directories may have), and a jar is known by
 * its bytes, not its name or length.
 */
class PointerJarTest {

    @TempDir
    Path dir;

    @Test
    void aClassLoaderGivenThePointerReadsTheJarItNames() throws Exception {
        Path stored = code(Files.createDirectories(dir.resolve("jar store")).resolve("cascata-x.jar"), "the driver's code");
        Path pointer = PointerJar.write(dir.resolve("pointer.jar"), stored);
        assertTrue(Files.size(pointer) < 1_000, "the pointer is small: " + Files.size(pointer));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {pointer.toUri().toURL()}, null)) {
            try (InputStream in = loader.getResourceAsStream("marker.txt")) {
                assertEquals("the driver's code", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        Files.delete(stored);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {pointer.toUri().toURL()}, null)) {
            assertNull(loader.getResource("marker.txt"), "nothing but what the named jar holds");
        }
    }

    @Test
    void aJarIsKnownByItsBytes() throws Exception {
        Path one = code(dir.resolve("one.jar"), "version A");
        Path other = code(dir.resolve("other.jar"), "version B");
        Path copy = dir.resolve("copy.jar");
        Files.copy(one, copy);
        CodeJar jar = CodeJar.of(one);
        assertEquals(Files.size(one), Files.size(other), "same length, other bytes");
        assertTrue(jar.sameBytesAs(copy));
        assertFalse(jar.sameBytesAs(other));
        assertEquals("cascata-" + jar.sha256() + ".jar", jar.clusterName());
        assertFalse(jar.clusterName().equals(CodeJar.of(other).clusterName()));
    }

    private static Path code(Path jar, String marker) throws Exception {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), new Manifest())) {
            JarEntry entry = new JarEntry("marker.txt");
            entry.setTime(0);
            out.putNextEntry(entry);
            out.write(marker.getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }
}
