package io.cascata.core.launch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One message between a {@link RunServerClient} and a {@link RunServer}: a kind, then its bytes.
 * The client sends one {@link Kind#REQUEST}; the server answers {@link Kind#DECLINED}, or
 * {@link Kind#ACCEPTED}, the run's {@link Kind#OUT} and {@link Kind#ERR} bytes in the order the
 * run wrote them and at last its {@link Kind#EXIT}. Once the run is accepted, the client sends a
 * {@link Kind#SIGNAL} for each signal it receives.
 *
 * @param kind what the message is
 * @param payload its bytes
 */
record RunFrame(Kind kind, byte[] payload) {

    /** What a message is; its byte on the wire is the ordinal. */
    enum Kind {
        /** The run asked for: protocol version, whether the client is on a terminal, the arguments. */
        REQUEST,
        /** A signal the client received, by name ({@code INT}, {@code TERM}, {@code HUP}). */
        SIGNAL,
        /** The server will not run this request (busy, another log level); the client runs it itself. */
        DECLINED,
        /** The server runs this request: from now on, the run is the server's, never the client's. */
        ACCEPTED,
        /** Bytes the run wrote to standard output. */
        OUT,
        /** Bytes the run wrote to standard error. */
        ERR,
        /** The run's exit code: the last message. */
        EXIT
    }

    /** Bumped when a frame's layout changes, so that a client and a server of other builds decline. */
    static final int VERSION = 2;
    /** The most bytes of output one message carries: a larger write is sent as several. */
    static final int LARGEST_OUTPUT = 64 << 10;
    private static final int LARGEST = 64 << 20;

    static RunFrame request(boolean terminal, List<String> args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(bytes)) {
            data.writeInt(VERSION);
            data.writeBoolean(terminal);
            data.writeInt(args.size());
            for (String arg : args) {
                byte[] utf8 = arg.getBytes(StandardCharsets.UTF_8);
                data.writeInt(utf8.length);
                data.write(utf8);
            }
        } catch (IOException inMemory) {
            throw new IllegalStateException(inMemory);
        }
        return new RunFrame(Kind.REQUEST, bytes.toByteArray());
    }

    static RunFrame text(Kind kind, String text) {
        return new RunFrame(kind, text.getBytes(StandardCharsets.UTF_8));
    }

    static RunFrame exit(int code) {
        return text(Kind.EXIT, Integer.toString(code));
    }

    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /**
     * What a client asks for.
     *
     * @param version the client's protocol version: the other fields mean what they say only when it is {@link #VERSION}
     * @param terminal whether the client is on a terminal
     * @param args the arguments its {@code main} was given
     */
    record Request(int version, boolean terminal, List<String> args) {
    }

    /** The request this message carries, read once. */
    Request request() throws IOException {
        DataInputStream data = new DataInputStream(new ByteArrayInputStream(payload));
        int version = data.readInt();
        if (version != VERSION) {
            return new Request(version, false, List.of());
        }
        boolean terminal = data.readBoolean();
        int count = data.readInt();
        List<String> args = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] utf8 = new byte[data.readInt()];
            data.readFully(utf8);
            args.add(new String(utf8, StandardCharsets.UTF_8));
        }
        return new Request(version, terminal, List.copyOf(args));
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeByte(kind.ordinal());
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    /** The next message; empty at the end of the stream (the other side closed it or is gone). */
    static Optional<RunFrame> readFrom(DataInputStream in) throws IOException {
        int kind = in.read();
        if (kind < 0) {
            return Optional.empty();
        }
        if (kind >= Kind.values().length) {
            throw new IOException("not a run server message: kind " + kind);
        }
        int length;
        byte[] payload;
        try {
            length = in.readInt();
            if (length < 0 || length > LARGEST) {
                throw new IOException("not a run server message: length " + length);
            }
            payload = new byte[length];
            in.readFully(payload);
        } catch (EOFException cut) {
            return Optional.empty();
        }
        return Optional.of(new RunFrame(Kind.values()[kind], payload));
    }
}
