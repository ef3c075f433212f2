package io.cascata.beam;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascata.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the driver asks of a session cluster's REST API about jars kept on its JobManager
 * ({@code /jars}, Flink's web submission store): which are there, uploading one, deleting one,
 * where the JobManager keeps them, and whether its TaskManagers run on the JobManager's host.
 */
final class FlinkJars {

    /** An upload of a 200 MB jar takes seconds; a stuck one must still end. */
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(5);

    /**
     * One jar in the JobManager's store.
     *
     * @param id Flink's id for it ({@code <uuid>_<name>}), also its file name in the store
     * @param name the file name it was uploaded with
     */
    record StoredJar(String id, String name) {
    }

    private FlinkJars() {
    }

    /** The jars the JobManager keeps ({@code GET /jars}). */
    static List<StoredJar> list(String master) throws InterruptedException {
        JsonNode body = getJson(master, "/jars");
        List<StoredJar> jars = new ArrayList<>();
        for (JsonNode file : body.path("files")) {
            jars.add(new StoredJar(file.path("id").asText(), file.path("name").asText()));
        }
        return jars;
    }

    /**
     * Uploads the file under the given name ({@code POST /jars/upload}, multipart as Flink
     * expects) and returns where the JobManager stored it.
     */
    static Path upload(String master, Path file, String name) throws InterruptedException, IOException {
        String boundary = "cascata-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"" + name
                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(FlinkJobs.base(master) + "/jars/upload"))
                .timeout(UPLOAD_TIMEOUT).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build();
        HttpResponse<String> response = FlinkJobs.send(request);
        JsonNode body = FlinkJobs.json(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IllegalStateException("the Flink cluster at " + master + " did not take the upload of " + file
                    + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return Path.of(body.path("filename").asText());
    }

    /** Deletes a jar from the JobManager's store ({@code DELETE /jars/<id>}). */
    static void delete(String master, String id) throws InterruptedException {
        HttpResponse<String> response = FlinkJobs.send(HttpRequest.newBuilder(URI.create(FlinkJobs.base(master) + "/jars/" + id))
                .timeout(Duration.ofSeconds(10)).DELETE().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the Flink cluster at " + master + " did not delete jar " + id + ": HTTP "
                    + response.statusCode() + " " + response.body());
        }
    }

    /**
     * The directory where the JobManager keeps uploaded jars: {@code web.upload.dir} when set, else
     * {@code flink-web-upload} under its (per-process) {@code web.tmpdir}.
     */
    static Path storeDirectory(String master) throws InterruptedException {
        String upload = null;
        String tmp = null;
        for (JsonNode entry : getJson(master, "/jobmanager/config")) {
            switch (entry.path("key").asText()) {
                case "web.upload.dir" -> upload = entry.path("value").asText();
                case "web.tmpdir" -> tmp = entry.path("value").asText();
                default -> { }
            }
        }
        String base = upload != null ? upload : tmp;
        if (base == null) {
            throw new IllegalStateException("the Flink cluster at " + master
                    + " does not say where it keeps uploaded jars (web.tmpdir)");
        }
        return Path.of(base).resolve("flink-web-upload");
    }

    /**
     * Whether every registered TaskManager runs on the host the JobManager's RPC address names, so
     * that a file the JobManager stored is at the same path for them. False when there is none.
     */
    static boolean taskManagersOnJobManagerHost(String master) throws InterruptedException {
        String jobManager = null;
        for (JsonNode entry : getJson(master, "/jobmanager/config")) {
            if ("jobmanager.rpc.address".equals(entry.path("key").asText())) {
                jobManager = entry.path("value").asText();
            }
        }
        JsonNode taskManagers = getJson(master, "/taskmanagers").path("taskmanagers");
        if (jobManager == null || taskManagers.isEmpty()) {
            return false;
        }
        for (JsonNode tm : taskManagers) {
            // pekko.tcp://flink@HOST:PORT/user/rpc/taskmanager_0
            String path = tm.path("path").asText();
            int at = path.indexOf('@');
            int colon = path.indexOf(':', at + 1);
            if (at < 0 || colon < 0 || !sameHost(jobManager, path.substring(at + 1, colon))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameHost(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        try {
            return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static JsonNode getJson(String master, String path) throws InterruptedException {
        HttpResponse<String> response = FlinkJobs.send(HttpRequest.newBuilder(URI.create(FlinkJobs.base(master) + path))
                .timeout(Duration.ofSeconds(10)).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the Flink cluster at " + master + " answered HTTP " + response.statusCode()
                    + " on " + path);
        }
        return FlinkJobs.json(response.body());
    }
}
