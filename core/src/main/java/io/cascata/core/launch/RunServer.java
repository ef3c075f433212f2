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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
    private ServedRun.SignalRelay running;
    /** When the last run ended (System.nanoTime); guarded by {@link #state}. */
    private long idleSince = System.nanoTime();
    private final AtomicInteger served = new AtomicInteger();

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
            server = new RunServer(socket, idle.get() * 1000, jar.get(), build(jar.get()), program, log);
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
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Object socketFile = Files.readAttributes(socket, BasicFileAttributes.class).fileKey();
            writePid();
            log.println(Instant.now() + " run server " + ProcessHandle.current().pid() + " serving " + jar + " on " + socket);
            handleTerm();
            Thread watch = new Thread(() -> watch(server, socketFile), "cascata-run-server-watch");
            watch.setDaemon(true);
            watch.start();
            while (true) {
                SocketChannel client;
                try {
                    client = server.accept();
                } catch (ClosedChannelException stopped) {
                    break;
                }
                take(client);
            }
            log.println(Instant.now() + " run server stops after " + served.get() + " runs");
            removeOwn(socketFile);
            return 0;
        } catch (IOException e) {
            log.println(Instant.now() + " run server cannot serve on " + socket + ": " + e);
            return 1;
        } finally {
            try {
                Files.deleteIfExists(place.pidFile());
                Files.deleteIfExists(place.lock()); // the log stays, until this kind of run's next server
            } catch (IOException e) {
                // a later server writes its own
            }
        }
    }

    /** Runs the request on a thread of its own, unless a run is under way or the server is stopping. */
    private void take(SocketChannel client) {
        ServedRun.SignalRelay relay = new ServedRun.SignalRelay();
        synchronized (state) {
            if (running != null || stopping.get()) {
                decline(client, running != null ? "busy" : "stopping");
                return;
            }
            running = relay;
        }
        Thread thread = new Thread(() -> {
            try {
                runRequest(client, relay);
            } finally {
                synchronized (state) {
                    running = null;
                    idleSince = System.nanoTime();
                }
            }
        }, "cascata-served-run");
        thread.start();
    }

    private void runRequest(SocketChannel client, ServedRun.SignalRelay relay) {
        try (client) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(ChannelStreams.input(client)));
            DataOutputStream wire = new DataOutputStream(new BufferedOutputStream(ChannelStreams.output(client)));
            Optional<RunFrame> request = RunFrame.readFrom(in);
            if (request.isEmpty() || request.get().kind() != RunFrame.Kind.REQUEST
                    || request.get().requestVersion() != RunFrame.VERSION) {
                send(wire, RunFrame.text(RunFrame.Kind.DECLINED, "another build's request"));
                return;
            }
            FrameSink sink = new FrameSink(wire);
            PrintStream runOut = new PrintStream(new BufferedOutputStream(sink.stream(RunFrame.Kind.OUT), 8192), true,
                    Charset.defaultCharset());
            PrintStream runErr = new PrintStream(new BufferedOutputStream(sink.stream(RunFrame.Kind.ERR), 8192), true,
                    Charset.defaultCharset());
            AtomicBoolean ended = new AtomicBoolean();
            Thread signals = new Thread(() -> readSignals(in, relay, ended), "cascata-run-server-signals");
            signals.setDaemon(true);
            signals.start();
            ServedRun run = new ServedRun(request.get().requestArgs(), runOut, runErr, request.get().requestTerminal(),
                    relay, code -> {
                        runOut.flush();
                        runErr.flush();
                        sink.send(RunFrame.exit(code));
                        Runtime.getRuntime().halt(code);
                    });
            out.switchTo(runOut);
            err.switchTo(runErr);
            int code;
            try {
                code = program.run(run);
            } catch (RunDeclined declined) {
                if (!sink.wrote()) {
                    ended.set(true);
                    sink.send(RunFrame.text(RunFrame.Kind.DECLINED, declined.getMessage()));
                    return;
                }
                runErr.println("error: " + declined.getMessage());
                code = 1;
            } catch (RuntimeException | Error e) {
                // What an uncaught exception in main does: its trace on standard error, exit 1.
                e.printStackTrace(runErr);
                code = 1;
            } finally {
                out.switchTo(log);
                err.switchTo(log);
            }
            runOut.flush();
            runErr.flush();
            ended.set(true);
            sink.send(RunFrame.exit(code));
            served.incrementAndGet();
        } catch (IOException e) {
            log.println(Instant.now() + " run server: a request ended early: " + e);
        }
    }

    /** Passes the client's signals to the run; when the client is gone before the run ended, so is this JVM. */
    private void readSignals(DataInputStream in, ServedRun.SignalRelay relay, AtomicBoolean ended) {
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
            String why = null;
            synchronized (state) {
                if (running == null) {
                    if (stopping.get()) {
                        why = "asked to stop";
                    } else if ((System.nanoTime() - idleSince) / 1_000_000 >= idleMillis) {
                        why = "idle for " + idleMillis / 1000 + " s";
                    } else if (!jarBuild.equals(buildOrGone())) {
                        why = "its jar changed";
                    } else if (!Objects.equals(socketFile, fileKey(socket))) {
                        why = "its socket is gone";
                    }
                    if (why != null) {
                        stopping.set(true);
                    }
                }
            }
            if (why != null) {
                log.println(Instant.now() + " run server stops: " + why);
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
                stopping.set(true);
                ServedRun.SignalRelay relay;
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

    private void removeOwn(Object socketFile) {
        try {
            if (Objects.equals(socketFile, fileKey(socket))) {
                Files.deleteIfExists(socket); // a later server's socket stays
            }
        } catch (IOException e) {
            // the next client removes a socket nobody answers on
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

    /** The run's output, as frames of one kind on the client's connection; a write after the client is gone is dropped. */
    private static final class FrameSink {
        private final DataOutputStream wire;
        private boolean wrote;

        FrameSink(DataOutputStream wire) {
            this.wire = wire;
        }

        synchronized void send(RunFrame frame) {
            try {
                frame.writeTo(wire);
            } catch (IOException gone) {
                // the client is gone; the signal reader ends this JVM
            }
        }

        synchronized boolean wrote() {
            return wrote;
        }

        OutputStream stream(RunFrame.Kind kind) {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    if (length == 0) {
                        return;
                    }
                    synchronized (FrameSink.this) {
                        wrote = true;
                        send(new RunFrame(kind, java.util.Arrays.copyOfRange(bytes, offset, offset + length)));
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

    static List<String> serverOptions(Path socket) {
        return List.of("-D" + PROPERTY + "=" + socket);
    }
}
