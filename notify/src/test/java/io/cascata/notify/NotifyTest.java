package io.cascata.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.cli.CascataCommand;
import io.cascata.core.json.Json;
import io.cascata.core.targets.LocalTarget;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications of real command-line runs: a JSON POST to an HTTP server and an e-mail to an
 * SMTP server, both started here; deliveries that fail leave the exit code alone.
 */
class NotifyTest {

    @TempDir
    Path tmp;

    private HttpServer http;
    private final List<String> posts = new CopyOnWriteArrayList<>();
    private volatile int answer = 200;

    record NotifyOk(@Param("where outputs go") String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/ok.txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("ok");
        }
    }

    record NotifyFails(@Param("where outputs go") String dir) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/never.txt");
        }

        @Override
        public void run() throws IOException {
            throw new IOException("disk on fire");
        }
    }

    @BeforeEach
    void startHttp() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/hook", exchange -> {
            posts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        http.start();
    }

    @AfterEach
    void stopHttp() {
        http.stop(0);
    }

    private String hook() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/hook";
    }

    private int run(String config, String family) throws IOException {
        Path cfg = Files.writeString(tmp.resolve("cascata.cfg"), config);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            return new CascataCommand(o, o, name -> null).execute(family, "--dir", tmp.resolve("out").toString(),
                    "--config", cfg.toString(), "--workspace", tmp.resolve("ws").toString(), "--no-lock");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aFailedRunPostsItsSummaryAndEachFailedTasksError() throws IOException {
        assertEquals(30, run("[notify]\nwebhook=" + hook() + "\n", "NotifyFails"));
        assertEquals(1, posts.size());
        JsonNode json = Json.mapper().readTree(posts.get(0));
        assertEquals("failed", json.get("status").asText());
        assertEquals(30, json.get("exitCode").asInt());
        assertEquals(":(", json.get("face").asText());
        JsonNode task = json.get("failedTasks").get(0);
        assertEquals("NotifyFails(dir=" + tmp.resolve("out") + ")", task.get("display").asText());
        assertEquals("IOException: disk on fire", task.get("error").asText());
        assertTrue(json.get("summary").asText().contains("===== Cascata Execution Summary ====="));
        assertTrue(json.get("runId").asText().matches("\\d{8}T\\d{6}\\.\\d{3}Z-[0-9a-f]+"), json.toString());
    }

    @Test
    void aSucceededRunNotifiesOnlyWhenAskedTo() throws IOException {
        assertEquals(0, run("[notify]\nwebhook=" + hook() + "\n", "NotifyOk"));
        assertEquals(List.of(), posts);
        Files.delete(tmp.resolve("out/ok.txt"));
        assertEquals(0, run("[notify]\nwebhook=" + hook() + "\non-success=true\n", "NotifyOk"));
        assertEquals(1, posts.size());
        assertEquals("succeeded", Json.mapper().readTree(posts.get(0)).get("status").asText());
    }

    @Test
    void aFailedRunIsMailedOverSmtp() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        try {
            int port = smtp.getSmtp().getPort();
            assertEquals(30, run("[notify]\nmail-to=ops@example.com, oncall@example.com\nmail-from=pipeline@example.com\n"
                    + "smtp-host=127.0.0.1\nsmtp-port=" + port + "\n", "NotifyFails"));
            MimeMessage[] received = smtp.getReceivedMessages();
            assertEquals(2, received.length); // one per recipient mailbox
            MimeMessage mail = received[0];
            assertTrue(mail.getSubject().startsWith("Cascata NotifyFails failed with exit code 30 on "), mail.getSubject());
            assertEquals("pipeline@example.com", mail.getFrom()[0].toString());
            String body = GreenMailUtil.getBody(mail);
            assertTrue(body.contains("Failed tasks:"), body);
            assertTrue(body.contains("IOException: disk on fire"), body);
        } finally {
            smtp.stop();
        }
    }

    @Test
    void undeliverableNotificationsLeaveTheExitCodeAlone() throws IOException {
        String nowhere = "[notify]\non-success=true\nwebhook=http://127.0.0.1:" + freePort() + "/hook\ntimeout=2s\n"
                + "mail-to=ops@example.com\nsmtp-host=127.0.0.1\nsmtp-port=" + freePort() + "\n";
        assertEquals(30, run(nowhere, "NotifyFails"));
        assertEquals(0, run(nowhere, "NotifyOk"));
        assertTrue(Files.exists(tmp.resolve("out/ok.txt")));

        answer = 500;
        assertEquals(30, run("[notify]\nwebhook=" + hook() + "\n", "NotifyFails"));
        assertEquals(1, posts.size()); // it was posted, and refused
    }
}
