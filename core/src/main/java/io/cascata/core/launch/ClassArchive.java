package io.cascata.core.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The class-data-sharing archive kept for one build of a jar and one Java runtime on this
 * machine: the classes a run of the jar loaded, written by the JVM at the run's end
 * ({@code -XX:ArchiveClassesAtExit}), so that later runs map them ({@code -XX:SharedArchiveFile})
 * instead of loading, verifying and linking them again. That is most of a cold run's first
 * heavy stage.
 *
 * <p>The file is named by the jar's real path and the runtime, then by what the JVM checks of
 * the jar before it uses an archive: its size and modification time. A rebuilt jar gets an
 * archive of its own, and saving it removes the earlier builds' archives of the same path and
 * runtime, so the cache holds one archive per jar path and runtime. An archive no run has used
 * for {@link #UNUSED} is removed too (its jar is gone, most likely).
 *
 * <p>A saving run's files carry a token of their own (the launcher's pid and a random part), so
 * that runs saving at once, in one machine or in containers sharing the cache, never write the
 * same file.
 *
 * @param directory where archives are kept (one directory for all jars)
 * @param jarKey names the jar's real path and the runtime
 * @param buildKey names the jar's size and modification time
 */
record ClassArchive(Path directory, String jarKey, String buildKey) {

    /** How long an archive no run used is kept. */
    static final Duration UNUSED = Duration.ofDays(30);

    private static final String SUFFIX = ".jsa";
    private static final String SAVING = ".saving";
    private static final String RAN = ".ran";
    private static final String UNAVAILABLE = ".unavailable";

    /** The archive for {@code jar} run by the Java runtime named by {@code runtime}. */
    static ClassArchive of(Path directory, Path jar, String runtime) {
        try {
            Path real = jar.toRealPath();
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
            return new ClassArchive(directory, hash(real + "|" + runtime),
                    hash(attributes.size() + "|" + attributes.lastModifiedTime().toMillis()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The archive a later run maps; present once a run saved it. */
    Path file() {
        return directory.resolve(name() + SUFFIX);
    }

    /** Where the saving run named by {@code token} has the JVM write the archive at its end. */
    Path saving(String token) {
        return directory.resolve(name() + "." + token + SAVING);
    }

    /**
     * Where the saving run named by {@code token} says, as it exits, its exit code and whether
     * it ran tasks (see {@link SavingRunEnd}).
     */
    Path ran(String token) {
        return directory.resolve(name() + "." + token + RAN);
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

    /** Marks the archive used now, so that {@link #removeUnused} keeps it. */
    void used() {
        try {
            Files.setLastModifiedTime(file(), FileTime.from(Instant.now()));
        } catch (IOException e) {
            // Kept all the same until it looks unused; a later run marks it again.
        }
    }

    /**
     * Ends the saving run named by {@code token}, which exited with {@code exitCode}: keeps the
     * archive its JVM wrote when the run ran tasks and succeeded, else drops it. Returns the
     * run's own exit code: when the JVM failed only in writing the archive after the run ended
     * well, the run's code, and the archive is marked as one this JVM cannot save.
     */
    int finishSaving(String token, int exitCode) throws IOException {
        Path written = saving(token);
        Optional<SavingRunEnd> end = SavingRunEnd.read(ran(token));
        Files.deleteIfExists(ran(token));
        int runExitCode = end.map(SavingRunEnd::exitCode).orElse(exitCode);
        boolean worthKeeping = end.map(e -> e.ranTasks() && e.exitCode() == 0).orElse(false);
        if (worthKeeping && exitCode == 0 && Files.isRegularFile(written) && Files.size(written) > 0) {
            try (FileChannel channel = FileChannel.open(written, StandardOpenOption.WRITE)) {
                channel.force(true); // a crash after the move must not leave a torn archive to map
            }
            Files.move(written, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            removeEarlierBuilds();
            return runExitCode;
        }
        Files.deleteIfExists(written);
        if (worthKeeping) {
            Files.writeString(unavailable(), "the JVM wrote no class archive for this jar (exit " + exitCode + ")\n",
                    StandardCharsets.UTF_8);
        }
        return runExitCode;
    }

    /** Removes the archives of this jar path and runtime's earlier builds. */
    private void removeEarlierBuilds() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, jarKey + "-*")) {
            for (Path path : files) {
                String name = path.getFileName().toString();
                if (!name.startsWith(name() + ".") && (name.endsWith(SUFFIX) || name.endsWith(UNAVAILABLE))) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /**
     * Removes, for every jar in {@code directory}, what saving runs whose launcher is gone left
     * (a launcher killed before it could finish), and archives unused for {@link #UNUSED}.
     */
    static void removeUnused(Path directory, Instant now) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path path : files) {
                String name = path.getFileName().toString();
                try {
                    if (leftByGoneLauncher(name) || (name.endsWith(SUFFIX) || name.endsWith(UNAVAILABLE))
                            && Files.getLastModifiedTime(path).toInstant().isBefore(now.minus(UNUSED))) {
                        Files.deleteIfExists(path);
                    }
                } catch (NoSuchFileException removedMeanwhile) {
                    // another launcher's clean-up
                }
            }
        } catch (IOException e) {
            // Clean-up is best effort: a later launch tries again.
        }
    }

    /** A saving run's file, named {@code NAME.PID-RANDOM.saving} or {@code .ran}, whose launcher is gone. */
    private static boolean leftByGoneLauncher(String name) {
        if (!name.endsWith(SAVING) && !name.endsWith(RAN)) {
            return false;
        }
        String withoutSuffix = name.substring(0, name.lastIndexOf('.'));
        String token = withoutSuffix.substring(withoutSuffix.lastIndexOf('.') + 1);
        int dash = token.indexOf('-');
        try {
            return ProcessHandle.of(Long.parseLong(dash < 0 ? token : token.substring(0, dash))).isEmpty();
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
