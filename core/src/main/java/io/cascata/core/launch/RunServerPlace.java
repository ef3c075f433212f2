package io.cascata.core.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where the {@link RunServer} for one kind of run listens, with its lock, pid file and log. A
 * server runs requests only from commands that would have started the same JVM: the same build
 * of the jar, the same Java runtime, the same JVM options, working directory, user and
 * environment; each such kind of run has a server, and a place, of its own.
 *
 * @param socket the Unix domain socket the server listens on
 * @param lock the file a client holds while it starts a server, so that one starts
 * @param pidFile the server's process id, while it runs
 * @param log what the server's JVM writes outside its runs
 */
record RunServerPlace(Path socket, Path lock, Path pidFile, Path log) {

    /** The longest socket path Linux takes (108 bytes with the ending zero). */
    private static final int LONGEST_SOCKET_PATH = 107;
    /** Variables a shell sets differently for each command, which the run never sees a use for. */
    private static final Set<String> SHELL_NOISE = Set.of("_", "OLDPWD");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final List<String> INHERITED_STATUS = List.of("Umask:", "Uid:", "Gid:", "Groups:", "NoNewPrivs:",
            "Seccomp:", "CapEff:", "Cpus_allowed_list:", "Mems_allowed_list:");
    private static final Set<PosixFilePermission> NOT_WRITABLE_BY_OTHERS = PosixFilePermissions.fromString("rwxr-xr-x");

    static RunServerPlace at(Path socket) {
        String name = socket.getFileName().toString();
        String key = name.substring(0, name.length() - ".sock".length());
        Path directory = socket.getParent();
        return new RunServerPlace(socket, directory.resolve(key + ".lock"), directory.resolve(key + ".pid"),
                directory.resolve(key + ".log"));
    }

    /**
     * The place for this kind of run in {@code directory}, which is made, with its parent, for
     * their owner only; empty when there can be none: they cannot be made, either is a link or
     * open to others, or the socket's path would be too long.
     */
    static Optional<RunServerPlace> of(Path directory, Path jar, List<String> jvmOptions, Path workingDirectory,
            Map<String, String> environment) {
        StringBuilder kind = new StringBuilder();
        try {
            Path real = jar.toRealPath();
            kind.append(real).append('\0').append(Files.size(real)).append('\0')
                    .append(Files.getLastModifiedTime(real).toMillis()).append('\0');
            for (Path level : List.of(directory.getParent(), directory)) {
                if (!Files.isDirectory(level, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(level, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                }
                Set<PosixFilePermission> allowed = level.equals(directory) ? OWNER_ONLY : NOT_WRITABLE_BY_OTHERS;
                if (!owned(level, allowed)) {
                    // Made with a umask that leaves it open to the group, say: it is Cascata's own, so close it.
                    tighten(level, allowed);
                }
                // Another user who could connect, or put a socket of theirs in its place, could run code as this one.
                if (!owned(level, allowed)) {
                    return Optional.empty();
                }
            }
            // What the server's JVM inherits from the client that starts it, besides its
            // environment: its file mode mask, groups, limits, processors, control group and
            // priority, and the machine it runs on.
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (INHERITED_STATUS.stream().anyMatch(line::startsWith)) {
                    kind.append(line).append('\0');
                }
            }
            for (String file : List.of("/proc/self/limits", "/proc/self/cgroup", "/proc/self/oom_score_adj",
                    "/proc/sys/kernel/hostname", "/proc/sys/kernel/random/boot_id")) {
                kind.append(Files.readString(Path.of(file))).append('\0');
            }
            String stat = Files.readString(Path.of("/proc/self/stat"));
            kind.append("nice ").append(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]).append('\0');
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
        kind.append(System.getProperty("java.home")).append('\0').append(System.getProperty("java.vm.version"))
                .append('\0').append(System.getProperty("user.name")).append('\0').append(workingDirectory).append('\0');
        jvmOptions.forEach(option -> kind.append(option).append('\0'));
        kind.append('\0');
        new TreeMap<>(environment).forEach((name, value) -> {
            if (!SHELL_NOISE.contains(name)) {
                kind.append(name).append('=').append(value).append('\0');
            }
        });
        Path socket = directory.resolve(hash(kind.toString()) + ".sock");
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > LONGEST_SOCKET_PATH) {
            return Optional.empty();
        }
        return Optional.of(at(socket));
    }

    /** Takes away the permissions beyond {@code allowed} of a directory of this user's (not a link). */
    private static void tighten(Path directory, Set<PosixFilePermission> allowed) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isDirectory() && attributes.owner().getName().equals(System.getProperty("user.name"))) {
            Set<PosixFilePermission> kept = new java.util.HashSet<>(attributes.permissions());
            kept.retainAll(allowed);
            Files.setPosixFilePermissions(directory, kept);
        }
    }

    /** A directory of this user's, not a link to one, with no permissions beyond {@code allowed}. */
    private static boolean owned(Path directory, Set<PosixFilePermission> allowed) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return attributes.isDirectory() && allowed.containsAll(attributes.permissions())
                && attributes.owner().getName().equals(System.getProperty("user.name"));
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException everyJvmHasIt) {
            throw new IllegalStateException(everyJvmHasIt);
        }
    }
}
