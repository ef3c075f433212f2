package io.cascata.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Small file helpers shared by the core tests. */
public final class TestFiles {

    private TestFiles() {
    }

    /** Every entry (hidden ones included) directly under a directory, by name, sorted. */
    public static List<String> entries(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every entry whose name does not start with a dot, sorted. */
    public static List<String> visibleEntries(Path dir) {
        return entries(dir).stream().filter(n -> !n.startsWith(".")).toList();
    }

    /** Every file anywhere under a directory, relative to it, sorted. */
    public static List<String> tree(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
