package io.cascata.core.launch;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Hands a run to the {@link RunServer} for its kind of run, starting one when there is none, and
 * stands in for it: the run's output comes out of this process's standard streams, this
 * process's signals go to the run, and this process exits with the run's exit code. Empty when
 * the server declines the run (busy, say) or cannot be reached: the caller then runs it in a JVM
 * of its own.
 */
final class RunServerClient {

    /** The exit code when the server ended in the middle of the run: the default of unhandled_exception. */
    static final int SERVER_LOST = 40;
    private static final long START_WAIT_MILLIS = 30_000;
    private static final long LOCK_WAIT_MILLIS = 60_000;
    private static final long POLL_MILLIS = 10;
    /** A third signal ends the client even when the server does not answer the first two. */
    private static final int GIVE_UP_AFTER_SIGNALS = 3;
    private static final Duration OLD_FILES = Duration.ofDays(30);

    private RunServerClient() {
    }

    /**
     * @param place where the server for this kind of run listens
     * @param serverCommand the command that starts it, in its own session
     */
    static OptionalInt hand(RunServerPlace place, List<String> serverCommand, String[] args, PrintStream err) {
        Optional<SocketChannel> connection = connect(place.socket());
        if (connection.isEmpty()) {
            connection = start(place, serverCommand);
        }
        if (connection.isEmpty()) {
            return OptionalInt.empty();
        }
        SocketChannel channel = connection.get();
        try {
            return converse(channel, args, err, place);
        } finally {
            try {
                channel.close();
            } catch (IOException closedEitherWay) {
                // the answer is in
            }
        }
    }

    /**
     * Sends the request and stands in for the run. Until the server accepts it, the run may still
     * be declined (empty: the caller runs it); from then on it is the server's, whatever happens.
     */
    private static OptionalInt converse(SocketChannel channel, String[] args, PrintStream err, RunServerPlace place) {
        DataOutputStream wire = new DataOutputStream(ChannelStreams.output(channel));
        DataInputStream in = new DataInputStream(new BufferedInputStream(ChannelStreams.input(channel)));
        try {
            RunFrame.request(System.console() != null, List.of(args)).writeTo(wire);
            Optional<RunFrame> answer = RunFrame.readFrom(in);
            if (answer.isEmpty() || answer.get().kind() != RunFrame.Kind.ACCEPTED) {
                return OptionalInt.empty(); // declined, or the server stopped as the request came
            }
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        forwardSignals(wire, channel);
        Output stdout = new Output(new FileOutputStream(FileDescriptor.out));
        Output stderr = new Output(new FileOutputStream(FileDescriptor.err));
        try {
            while (true) {
                Optional<RunFrame> next = RunFrame.readFrom(in);
                if (next.isEmpty()) {
                    break;
                }
                RunFrame frame = next.get();
                switch (frame.kind()) {
                    case OUT -> stdout.write(frame.payload());
                    case ERR -> stderr.write(frame.payload());
                    case EXIT -> {
                        return OptionalInt.of(Integer.parseInt(frame.text()));
                    }
                    default -> throw new IOException("unexpected from the run server: " + frame.kind());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // as when the server ends
        }
        err.println("error: the run server ended in the middle of the run; its log: " + place.log());
        return OptionalInt.of(SERVER_LOST);
    }

    /**
     * Where the run's output goes: a standard stream of this process, which may be closed under
     * it (a pipe to {@code head}); the run goes on and its later output is dropped, as a JVM's
     * own {@code System.out} would.
     */
    private static final class Output {
        private final FileOutputStream stream;
        private boolean broken;

        Output(FileOutputStream stream) {
            this.stream = stream;
        }

        void write(byte[] bytes) {
            if (!broken) {
                try {
                    stream.write(bytes);
                } catch (IOException closed) {
                    broken = true;
                }
            }
        }
    }

    /**
     * From now on, Ctrl-C, SIGTERM and SIGHUP of this process go to the run, which acts on them
     * as in its own JVM. The third signal ends this process at once (128 plus its number) even
     * if the server does not answer: the server then ends the run, its client gone.
     */
    private static void forwardSignals(DataOutputStream wire, SocketChannel channel) {
        AtomicInteger received = new AtomicInteger();
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (received.incrementAndGet() >= GIVE_UP_AFTER_SIGNALS) {
                        Runtime.getRuntime().halt(128 + signal.getNumber());
                    }
                    synchronized (wire) {
                        try {
                            RunFrame.text(RunFrame.Kind.SIGNAL, signal.getName()).writeTo(wire);
                        } catch (IOException serverGone) {
                            // the end of the stream tells
                        }
                    }
                });
            } catch (IllegalArgumentException keptByTheJvm) {
                // -Xrs, or ignored in the background: the run would not have had it either
            }
        }
    }

    private static Optional<SocketChannel> connect(Path socket) {
        if (!Files.exists(socket)) {
            return Optional.empty();
        }
        try {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
                return Optional.of(channel);
            } catch (IOException refused) {
                channel.close();
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Starts the server, unless another client did first, and connects to it; empty when it does not come up. */
    private static Optional<SocketChannel> start(RunServerPlace place, List<String> serverCommand) {
        try (FileChannel lockFile = FileChannel.open(place.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockWithin(lockFile)) {
            if (lock == null) {
                return Optional.empty();
            }
            Optional<SocketChannel> started = connect(place.socket());
            if (started.isPresent()) {
                return started;
            }
            Files.deleteIfExists(place.socket()); // nobody answers on it: a server that was killed
            removeOld(place.socket().getParent());
            Process server = new ProcessBuilder(serverCommand)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(place.log().toFile())
                    .start();
            long deadline = System.nanoTime() + START_WAIT_MILLIS * 1_000_000;
            while (System.nanoTime() < deadline) {
                started = connect(place.socket());
                if (started.isPresent() || !server.isAlive()) {
                    return started;
                }
                Thread.sleep(POLL_MILLIS);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * What servers that stopped more than 30 days ago left: each kind of run keeps its log when
     * its server stops, and a killed server its pid file. Locks stay (empty files, and one may
     * be held: its time is when it was made).
     */
    private static void removeOld(Path servers) {
        Instant old = Instant.now().minus(OLD_FILES);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(servers)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                int dot = name.indexOf('.');
                if (dot < 0 || name.endsWith(".sock") || name.endsWith(".lock") || Files.exists(file.resolveSibling(name.substring(0, dot) + ".sock"))) {
                    continue; // a server may be running
                }
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(old)) {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException removedMeanwhile) {
                    // another client's clean-up
                }
            }
        } catch (IOException e) {
            // best effort: a later start tries again
        }
    }

    private static FileLock lockWithin(FileChannel file) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + LOCK_WAIT_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            FileLock lock = file.tryLock();
            if (lock != null) {
                return lock;
            }
            Thread.sleep(POLL_MILLIS * 5);
        }
        return null;
    }
}
