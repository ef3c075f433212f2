package io.cascata.core.launch;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jdk.net.ExtendedSocketOptions;
import sun.misc.Signal;

/**
 * A JVM that stays after a run and runs the next ones of the same kind (see
 * {@link RunServerPlace}), so that they start with the classes loaded and the code the JIT
 * compiled in the runs before: a warm {@code java -jar}. It runs one request at a time and
 * declines one that comes while it is busy; it stops when it has been idle for
 * {@code CASCATA_RUN_SERVER_IDLE_SECONDS} (600 by default), when its jar changes, when its socket
 * is gone and on SIGTERM, after the run it is running. Ctrl-C reaches it only through its
 * clients; it has a session of its own.
 *
 * <p>Started by a {@link RunServerClient}; its standard streams go to its log, and each run's
 * {@code System.out} and {@code System.err} to that run's client.
 */
public final class RunServer {

    /** The system property that makes {@code main} serve: the socket's path. */
    static final String PROPERTY = "cascata.run-server";
    /** The environment variable giving how long a server waits for its next run. */
    public static final String IDLE_SWITCH = "CASCATA_RUN_SERVER_IDLE_SECONDS";
    static final long DEFAULT_IDLE_SECONDS = 600;
    /** The exit code of a run whose client went away: that of a process SIGKILL ended, as the client was. */
    private static final int CLIENT_GONE = 128 + 9;
    private static final long WATCH_MILLIS = 500;
    /** How long a client that connected has to send its request. */
    private static final long REQUEST_WAIT_MILLIS = 10_000;
    private static final int WAITING = 0;
    private static final int READ = 1;
    private static final int EXPIRED = 2;
    /** How long a stopping server waits for its last run's exit code to reach the client. */
    private static final long EXIT_WAIT_MILLIS = 30_000;
    /** How long the threads a run started have to end after it. */
    private static final long LEFT_BEHIND_WAIT_MILLIS = 2_000;

    private final Path socket;
    private final RunServerPlace place;
    private final long idleMillis;
    private final Path jar;
    private final String jarBuild;
    private final ServedProgram program;
    private final SwitchedStream out;
    private final SwitchedStream err;
    private final PrintStream log;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Object state = new Object();
    /** The request being run, if any; guarded by {@link #state}. */
    private SignalRelay running;
    /** When the last run ended (System.nanoTime); guarded by {@link #state}. */
    private long idleSince = System.nanoTime();
    private final AtomicInteger served = new AtomicInteger();
    /** The thread of the last request taken: the server waits for it to have sent its exit code. */
    private volatile Thread runThread;

    private RunServer(Path socket, long idleMillis, Path jar, String jarBuild, ServedProgram program, PrintStream log) {
        this.socket = socket;
        this.place = RunServerPlace.at(socket);
        this.idleMillis = idleMillis;
        this.jar = jar;
        this.jarBuild = jarBuild;
        this.program = program;
        this.log = log;
        this.out = new SwitchedStream(log);
        this.err = new SwitchedStream(log);
    }

    /** Whether this JVM was started to serve runs. */
    public static boolean isServer() {
        return System.getProperty(PROPERTY) != null;
    }

    /**
     * How long a server waits for its next run, from {@code CASCATA_RUN_SERVER_IDLE_SECONDS}; empty
     * for a value that is not a whole number of seconds from 1 on.
     */
    static Optional<Long> idleSeconds(Map<String, String> environment) {
        String value = environment.get(IDLE_SWITCH);
        if (value == null) {
            return Optional.of(DEFAULT_IDLE_SECONDS);
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds >= 1 ? Optional.of(seconds) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Serves runs until the server stops; returns the process's exit code. */
    public static int serve(ServedProgram program) {
        PrintStream log = System.err;
        Path socket = Path.of(System.getProperty(PROPERTY));
        Optional<Path> jar = ArchiveLaunch.thisJar();
        Optional<Long> idle = idleSeconds(System.getenv());
        if (jar.isEmpty() || idle.isEmpty()) {
            log.println("run server: no jar, or a bad " + IDLE_SWITCH + "; not serving");
            return 1;
        }
        RunServer server;
        try {
            long idleMillis = idle.get() > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : idle.get() * 1000;
            server = new RunServer(socket, idleMillis, jar.get(), build(jar.get()), program, log);
        } catch (IOException e) {
            log.println("run server: cannot read " + jar.get() + ": " + e);
            return 1;
        }
        return server.serve();
    }

    private int serve() {
        System.setOut(new PrintStream(out, true, Charset.defaultCharset()));
        System.setErr(new PrintStream(err, true, Charset.defaultCharset()));
        // Ctrl-C and hang-ups come through the clients, for the run they started.
        ignore("INT");
        ignore("HUP");
        Object socketFile;
        ServerSocketChannel server;
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            socketFile = Files.readAttributes(socket, BasicFileAttributes.class).fileKey();
            writePid();
        } catch (IOException | UnsupportedOperationException e) {
            // Another server of this kind won the race, say: its files stay as they are.
            log.println(Instant.now() + " run server cannot serve on " + socket + ": " + e);
            return 1;
        }
        log.println(Instant.now() + " run server " + ProcessHandle.current().pid() + " serving " + jar + " on " + socket);
        handleTerm();
        Thread watch = new Thread(() -> watch(server, socketFile), "cascata-run-server-watch");
        watch.setDaemon(true);
        watch.start();
        try (server) {
            while (true) {
                SocketChannel client;
                try {
                    client = server.accept();
                } catch (ClosedChannelException stopped) {
                    break;
                } catch (IOException e) {
                    // Out of file descriptors, say: the next client may fare better.
                    log.println(Instant.now() + " run server: cannot take a client: " + e);
                    sleep(WATCH_MILLIS);
                    continue;
                }
                take(client);
            }
        } catch (IOException closing) {
            // closed either way
        }
        Thread last = runThread;
        if (last != null) {
            try {
                last.join(EXIT_WAIT_MILLIS); // it is sending its client the exit code
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.println(Instant.now() + " run server stops after " + served.get() + " runs");
        removeOwn(socketFile);
        return 0;
    }

    /** Runs the request on a thread of its own, unless a run is under way or the server is stopping. */
    private void take(SocketChannel client) {
        if (!sameUser(client)) {
            decline(client, "another user");
            return;
        }
        SignalRelay relay = new SignalRelay();
        synchronized (state) {
            if (running != null || stopping.get()) {
                decline(client, running != null ? "busy" : "stopping");
                return;
            }
            running = relay;
        }
        Thread thread = new Thread(() -> {
            boolean ran = false;
            try {
                ran = runRequest(client, relay);
            } finally {
                synchronized (state) {
                    if (running == relay) {
                        running = null;
                        if (ran) {
                            idleSince = System.nanoTime();
                        }
                    }
                }
            }
        }, "cascata-served-run");
        runThread = thread;
        thread.start();
    }

    private boolean sameUser(SocketChannel client) {
        try {
            return client.getOption(ExtendedSocketOptions.SO_PEERCRED).user().getName()
                    .equals(System.getProperty("user.name"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Runs one request; whether the server ran it (not declined, not cut short before it began). */
    private boolean runRequest(SocketChannel client, SignalRelay relay) {
        try (client) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(ChannelStreams.input(client)));
            DataOutputStream wire = new DataOutputStream(new BufferedOutputStream(ChannelStreams.output(client)));
            Optional<RunFrame.Request> request = readRequest(client, in);
            if (request.isEmpty() || request.get().version() != RunFrame.VERSION) {
                send(wire, RunFrame.text(RunFrame.Kind.DECLINED, "another build's request"));
                return false;
            }
            AtomicBoolean ended = new AtomicBoolean();
            FrameSink sink = new FrameSink(wire, () -> {
                Thread signals = new Thread(() -> readSignals(in, relay, ended), "cascata-run-server-signals");
                signals.setDaemon(true);
                signals.start();
            });
            PrintStream runOut = new PrintStream(new BufferedOutputStream(sink.stream(RunFrame.Kind.OUT), 8192), true,
                    Charset.defaultCharset());
            PrintStream runErr = new PrintStream(new BufferedOutputStream(sink.stream(RunFrame.Kind.ERR), 8192), true,
                    Charset.defaultCharset());
            AtomicReference<String> retireAsked = new AtomicReference<>();
            ServedRun run = new ServedRun(request.get().args(), runOut, runErr, request.get().terminal(),
                    relay, sink::accept, retireAsked::set, code -> {
                        ended.set(true);
                        runOut.flush();
                        runErr.flush();
                        sink.send(RunFrame.exit(code));
                        Runtime.getRuntime().halt(code);
                    });
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            out.switchTo(runOut);
            err.switchTo(runErr);
            int code;
            Optional<String> retire = Optional.empty();
            try {
                code = program.run(run);
            } catch (RunDeclined declined) {
                out.switchTo(log);
                err.switchTo(log);
                if (sink.decline(declined.getMessage())) {
                    ended.set(true);
                    // Runs of this kind now ask for what this server cannot give: the next one starts a server that can.
                    stop("it declined a run: " + declined.getMessage());
                    return false;
                }
                runErr.println("error: " + declined.getMessage());
                code = 1;
            } catch (RuntimeException | Error e) {
                // What an uncaught exception in main does: its trace on standard error, exit 1.
                e.printStackTrace(runErr);
                code = 1;
                retire = Optional.of("its last run threw " + e);
            } finally {
                out.switchTo(log);
                err.switchTo(log);
            }
            runOut.flush();
            runErr.flush();
            ended.set(true);
            retire = retire.or(() -> Optional.ofNullable(retireAsked.get())).or(() -> leftBehind(before));
            retire.ifPresent(this::stop);
            served.incrementAndGet();
            synchronized (state) {
                running = null; // before the exit code, so that the client's next command finds the server free
                idleSince = System.nanoTime();
            }
            sink.send(RunFrame.exit(code));
            return true;
        } catch (IOException e) {
            log.println(Instant.now() + " run server: a request ended early: " + e);
            return false;
        }
    }

    /**
     * The request, read within {@link #REQUEST_WAIT_MILLIS}: a client that connects and says
     * nothing must not keep the server busy. Empty when the time ran out first, even if the
     * request then came whole: the channel is closed, and the client runs it itself.
     */
    private Optional<RunFrame.Request> readRequest(SocketChannel client, DataInputStream in) throws IOException {
        AtomicInteger progress = new AtomicInteger(WAITING);
        Thread deadline = new Thread(() -> {
            try {
                Thread.sleep(REQUEST_WAIT_MILLIS);
                if (progress.compareAndSet(WAITING, EXPIRED)) {
                    client.close();
                }
            } catch (InterruptedException | IOException e) {
                // read in time, or closed either way
            }
        }, "cascata-run-server-request");
        deadline.setDaemon(true);
        deadline.start();
        Optional<RunFrame> request;
        try {
            request = RunFrame.readFrom(in);
        } catch (ClosedChannelException late) {
            return Optional.empty();
        }
        if (!progress.compareAndSet(WAITING, READ)) {
            return Optional.empty();
        }
        deadline.interrupt();
        return request.filter(frame -> frame.kind() == RunFrame.Kind.REQUEST).isPresent()
                ? Optional.of(request.get().request()) : Optional.empty();
    }

    /**
     * Why this JVM is no place for the next run, when a run left something running: a task
     * attempt that ignored its interruption (its worker thread), or a thread that keeps a JVM
     * from exiting. Waits a little for threads that are ending.
     */
    private static Optional<String> leftBehind(Set<Thread> before) {
        long deadline = System.nanoTime() + LEFT_BEHIND_WAIT_MILLIS * 1_000_000;
        while (true) {
            List<String> left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive())
                    .filter(t -> !t.isDaemon() || t.getName().startsWith("cascata-worker"))
                    .map(Thread::getName).sorted().toList();
            if (left.isEmpty()) {
                return Optional.empty();
            }
            if (System.nanoTime() > deadline) {
                return Optional.of("its last run left threads running: " + left);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return Optional.of("interrupted");
            }
        }
    }

    /** Stops taking runs; the server ends once the run under way, if any, has. */
    private void stop(String why) {
        if (!stopping.getAndSet(true)) {
            log.println(Instant.now() + " run server stops: " + why);
        }
    }

    /** Passes the client's signals to the run; when the client is gone before the run ended, so is this JVM. */
    private void readSignals(DataInputStream in, SignalRelay relay, AtomicBoolean ended) {
        try {
            while (true) {
                Optional<RunFrame> frame = RunFrame.readFrom(in);
                if (frame.isEmpty()) {
                    break;
                }
                if (frame.get().kind() == RunFrame.Kind.SIGNAL) {
                    relay.deliver(frame.get().text());
                }
            }
        } catch (IOException gone) {
            // as at the end of the stream
        }
        if (!ended.get()) {
            // The client was killed (SIGKILL, say): a plain java -jar would have ended with it.
            Runtime.getRuntime().halt(CLIENT_GONE);
        }
    }

    private void watch(ServerSocketChannel server, Object socketFile) {
        while (true) {
            try {
                Thread.sleep(WATCH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            boolean close = false;
            synchronized (state) {
                if (running == null) {
                    if ((System.nanoTime() - idleSince) / 1_000_000 >= idleMillis) {
                        stop("idle for " + idleMillis / 1000 + " s");
                    } else if (!jarBuild.equals(buildOrGone())) {
                        stop("its jar changed");
                    } else if (!Objects.equals(socketFile, fileKey(socket))) {
                        stop("its socket is gone");
                    }
                    close = stopping.get();
                }
            }
            if (close) {
                try {
                    server.close();
                } catch (IOException e) {
                    // closed either way
                }
                return;
            }
        }
    }

    private void handleTerm() {
        try {
            Signal.handle(new Signal("TERM"), signal -> {
                stop("SIGTERM");
                SignalRelay relay;
                synchronized (state) {
                    relay = running;
                }
                if (relay != null) {
                    relay.deliver("TERM");
                }
            });
        } catch (IllegalArgumentException keptByTheJvm) {
            // -Xrs: SIGTERM ends the server at once
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void ignore(String signal) {
        try {
            Signal.handle(new Signal(signal), s -> { });
        } catch (IllegalArgumentException keptByTheJvm) {
            // the JVM's own disposition stands
        }
    }

    private void writePid() throws IOException {
        Path partial = place.pidFile().resolveSibling(place.pidFile().getFileName() + "." + ProcessHandle.current().pid());
        Files.writeString(partial, Long.toString(ProcessHandle.current().pid()));
        Files.move(partial, place.pidFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes this server's socket and pid file, not a later server's; the lock and the log stay. */
    private void removeOwn(Object socketFile) {
        try {
            if (Objects.equals(socketFile, fileKey(socket))) {
                Files.deleteIfExists(socket);
            }
            if (Files.readString(place.pidFile()).equals(Long.toString(ProcessHandle.current().pid()))) {
                Files.deleteIfExists(place.pidFile());
            }
        } catch (IOException e) {
            // the next client removes a socket nobody answers on; the next server writes its pid
        }
    }

    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException gone) {
            return null;
        }
    }

    private String buildOrGone() {
        try {
            return build(jar);
        } catch (IOException gone) {
            return "";
        }
    }

    private static String build(Path jar) throws IOException {
        return Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis();
    }

    private static void decline(SocketChannel client, String why) {
        try (client) {
            send(new DataOutputStream(ChannelStreams.output(client)), RunFrame.text(RunFrame.Kind.DECLINED, why));
        } catch (IOException e) {
            // the client runs it itself either way
        }
    }

    private static void send(DataOutputStream wire, RunFrame frame) throws IOException {
        frame.writeTo(wire);
    }

    /**
     * The run's side of the client's connection: accepts the run (at the latest with its first
     * output or its exit code), then carries its output as frames of at most
     * {@link RunFrame#LARGEST_OUTPUT} bytes. A write after the client is gone is dropped.
     */
    private static final class FrameSink {
        private final DataOutputStream wire;
        private final Runnable onAccepted;
        private boolean accepted;

        FrameSink(DataOutputStream wire, Runnable onAccepted) {
            this.wire = wire;
            this.onAccepted = onAccepted;
        }

        /** Tells the client the run is the server's from now on; the client's signals then come to it. */
        synchronized void accept() {
            if (!accepted) {
                accepted = true;
                write(new RunFrame(RunFrame.Kind.ACCEPTED, new byte[0]));
                onAccepted.run();
            }
        }

        /** Declines the run, unless it was accepted already; whether it was declined. */
        synchronized boolean decline(String why) {
            if (accepted) {
                return false;
            }
            write(RunFrame.text(RunFrame.Kind.DECLINED, why));
            return true;
        }

        synchronized void send(RunFrame frame) {
            accept();
            write(frame);
        }

        private void write(RunFrame frame) {
            try {
                frame.writeTo(wire);
            } catch (IOException gone) {
                // the client is gone; the signal reader ends this JVM
            }
        }

        OutputStream stream(RunFrame.Kind kind) {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    for (int from = offset; from < offset + length; from += RunFrame.LARGEST_OUTPUT) {
                        int to = Math.min(offset + length, from + RunFrame.LARGEST_OUTPUT);
                        send(new RunFrame(kind, Arrays.copyOfRange(bytes, from, to)));
                    }
                }
            };
        }
    }

    /** {@code System.out} or {@code System.err} of the server: the running request's stream, else the log. */
    private static final class SwitchedStream extends OutputStream {
        private volatile PrintStream target;

        SwitchedStream(PrintStream target) {
            this.target = target;
        }

        void switchTo(PrintStream next) {
            target.flush();
            target = next;
        }

        @Override
        public void write(int b) {
            target.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            target.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            target.flush();
        }
    }
}
