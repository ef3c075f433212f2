package io.cascata.beam;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A jar of code identified by its content: its SHA-256 names it on a session cluster, so a driver
 * reuses a jar already there only when it holds exactly the driver's code.
 *
 * @param path where the jar is
 * @param sha256 the hex SHA-256 of its bytes
 * @param size its length in bytes
 */
record CodeJar(Path path, String sha256, long size) {

    private static final String PREFIX = "cascata-";

    /** Reads the whole jar to hash it. */
    static CodeJar of(Path path) {
        try {
            return new CodeJar(path, sha256(path), Files.size(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " to hash it", e);
        }
    }

    /** The file name the jar has on a cluster: {@code cascata-<sha256>.jar}. */
    String clusterName() {
        return PREFIX + sha256 + ".jar";
    }

    /** Whether the file holds exactly this jar's bytes (same length, same SHA-256). */
    boolean sameBytesAs(Path other) throws IOException {
        return Files.size(other) == size && sha256(other).equals(sha256);
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
