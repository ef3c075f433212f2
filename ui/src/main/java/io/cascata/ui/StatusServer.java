package io.cascata.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cascata.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page's HTTP server, the JDK's own: the page (one HTML, one script, one style sheet,
 * all in this jar: it needs no network) and its JSON endpoints under {@code /api/}. Read-only:
 * it answers GET and nothing else.
 */
public final class StatusServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);
    private static final String PAGE = "/io/cascata/ui/page/";
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html", "/index.html", "index.html", "/app.js", "app.js", "/app.css", "app.css");

    private final HttpServer server;
    private final ExecutorService threads;
    private final StatusData data;

    private StatusServer(HttpServer server, ExecutorService threads, StatusData data) {
        this.server = server;
        this.threads = threads;
        this.data = data;
    }

    /**
     * Starts serving on an address (port 0 picks a free one).
     *
     * @throws IOException when it cannot listen there, e.g. the port is taken
     */
    static StatusServer start(InetSocketAddress address, StatusData data) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "cascata-ui-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        StatusServer status = new StatusServer(server, threads, data);
        server.createContext("/", status::handle);
        server.setExecutor(threads);
        server.start();
        return status;
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8082/}. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "localhost" : a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "only GET\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/api/")) {
                api(exchange, path.substring("/api/".length()), query(exchange.getRequestURI()));
                return;
            }
            String file = FILES.get(path);
            try (InputStream in = file == null ? null : StatusServer.class.getResourceAsStream(PAGE + file)) {
                if (in == null) {
                    send(exchange, 404, "text/plain", ("no page " + path + "\n").getBytes(StandardCharsets.UTF_8));
                    return;
                }
                send(exchange, 200, type(file), in.readAllBytes());
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("status page request {} failed", exchange.getRequestURI(), e);
        }
    }

    private void api(HttpExchange exchange, String endpoint, Map<String, String> q) throws IOException {
        Optional<? extends Object> answer;
        String what;
        try {
            switch (endpoint) {
                case "runs" -> {
                    answer = Optional.of(data.runs());
                    what = "";
                }
                case "run" -> {
                    answer = data.run(q.getOrDefault("run", ""));
                    what = "no run " + q.get("run");
                }
                case "tasks" -> {
                    answer = data.tasks(q.getOrDefault("run", ""), q.getOrDefault("family", ""),
                            Optional.ofNullable(q.get("state")).filter(s -> !s.isEmpty()),
                            number(q, "offset", 0), number(q, "limit", 100));
                    what = "no run " + q.get("run");
                }
                case "task" -> {
                    answer = data.task(q.getOrDefault("run", ""), q.getOrDefault("task", ""));
                    what = "no task " + q.get("task") + " in run " + q.get("run");
                }
                default -> {
                    answer = Optional.empty();
                    what = "no endpoint " + endpoint;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("status page: {} failed", endpoint, e);
            send(exchange, 500, "application/json", json(Map.of("error", "cannot read the history: " + e.getMessage())));
            return;
        }
        if (answer.isEmpty()) {
            send(exchange, 404, "application/json", json(Map.of("error", what)));
        } else {
            send(exchange, 200, "application/json", json(answer.get()));
        }
    }

    private static byte[] json(Object value) throws IOException {
        return Json.mapper().writeValueAsBytes(value);
    }

    private static int number(Map<String, String> q, String key, int otherwise) {
        try {
            return Integer.parseInt(q.getOrDefault(key, String.valueOf(otherwise)));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static String type(String file) {
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return file.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
