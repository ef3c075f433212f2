package io.cascata.core.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The class-data-sharing archive kept for one build of a jar on this machine: the classes a run
 * of the jar loaded, written by the JVM at the run's end ({@code -XX:ArchiveClassesAtExit}), so
 * that later runs map them ({@code -XX:SharedArchiveFile}) instead of loading, verifying and
 * linking them again. That is most of a cold run's first heavy stage.
 *
 * <p>The file is named by the jar's real path and by what the JVM checks before it uses an
 * archive: the jar's size and modification time, and the Java runtime. A rebuilt jar or another
 * JDK gets an archive of its own; saving one removes the archives of the same path's earlier
 * builds, so a cache holds one archive per jar path and runtime.
 *
 * @param directory where archives are kept (one directory for all jars)
 * @param jarKey names the jar's real path
 * @param buildKey names the jar's size and modification time and the runtime
 */
record ClassArchive(Path directory, String jarKey, String buildKey) {

    private static final String SUFFIX = ".jsa";
    private static final String SAVING = ".saving";
    private static final String RAN = ".ran";
    private static final String UNAVAILABLE = ".unavailable";

    /** The archive for {@code jar} run by the Java runtime named by {@code runtime}. */
    static ClassArchive of(Path directory, Path jar, String runtime) {
        try {
            Path real = jar.toRealPath();
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
            return new ClassArchive(directory, hash(real.toString()),
                    hash(attributes.size() + "|" + attributes.lastModifiedTime().toMillis() + "|" + runtime));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The archive a later run maps; present once a run saved it. */
    Path file() {
        return directory.resolve(name() + SUFFIX);
    }

    /** Where the run of process {@code pid} has the JVM write the archive at its end. */
    Path saving(long pid) {
        return directory.resolve(name() + "." + pid + SAVING);
    }

    /**
     * Made by the run of process {@code pid} once it has run tasks and succeeded: only such a
     * run's classes are worth keeping (a {@code --help} would leave out Beam's and Flink's).
     */
    Path ran(long pid) {
        return directory.resolve(name() + "." + pid + RAN);
    }

    /** Made when a run that should have saved the archive left none: this JVM cannot write one. */
    Path unavailable() {
        return directory.resolve(name() + UNAVAILABLE);
    }

    boolean saved() {
        return Files.isRegularFile(file());
    }

    boolean cannotBeSaved() {
        return Files.exists(unavailable());
    }

    /**
     * Ends the saving run of process {@code pid}: keeps what it wrote when it ran tasks and
     * succeeded, else drops it; marks the archive unavailable when such a run wrote nothing.
     */
    void finishSaving(long pid, boolean succeeded) throws IOException {
        Path written = saving(pid);
        boolean ranTasks = Files.deleteIfExists(ran(pid));
        boolean worthKeeping = succeeded && ranTasks;
        if (worthKeeping && Files.isRegularFile(written) && Files.size(written) > 0) {
            Files.move(written, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            removeOthers();
            return;
        }
        Files.deleteIfExists(written);
        if (worthKeeping) {
            Files.writeString(unavailable(), "the JVM wrote no class archive for this jar\n", StandardCharsets.UTF_8);
        }
    }

    /**
     * Removes the archives of this jar path's other builds, and what saving runs that are gone
     * (killed before they could finish) left behind.
     */
    void removeOthers() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, jarKey + "-*")) {
            for (Path path : files) {
                String name = path.getFileName().toString();
                if (!name.startsWith(name() + ".") && (name.endsWith(SUFFIX) || name.endsWith(UNAVAILABLE))
                        || leftByGoneProcess(name)) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static boolean leftByGoneProcess(String name) {
        if (!name.endsWith(SAVING) && !name.endsWith(RAN)) {
            return false;
        }
        String withoutSuffix = name.substring(0, name.lastIndexOf('.'));
        String pid = withoutSuffix.substring(withoutSuffix.lastIndexOf('.') + 1);
        try {
            return ProcessHandle.of(Long.parseLong(pid)).isEmpty();
        } catch (NumberFormatException notOurs) {
            return false;
        }
    }

    private String name() {
        return jarKey + "-" + buildKey;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
