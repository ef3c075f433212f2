package io.cascata.beam;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascata.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * What the driver asks of a Flink cluster's REST API (a session cluster's, or the embedded one's):
 * the id of the job a stage submitted, found by its name (the task id), as Beam's Flink runner
 * does not hand it back; the job's state; cancelling it; why it failed; its page in the web UI.
 */
final class FlinkJobs {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FlinkJobs() {
    }

    /**
     * Fails at once, naming the address, when no Flink answers there: the Flink client would
     * otherwise retry its submission for about a minute. Beam's bracketed values ({@code [auto]},
     * {@code [local]}, {@code [collection]}) are not addresses and are not probed.
     */
    static void checkReachable(String flinkMaster) {
        if (!FlinkMasters.remote(flinkMaster)) {
            return;
        }
        String base = flinkMaster.startsWith("http") ? flinkMaster : "http://" + flinkMaster;
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/config"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the Flink cluster at " + flinkMaster + " answered HTTP "
                        + response.statusCode() + " on /config");
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no Flink cluster answers at " + flinkMaster + " (" + e.getClass().getSimpleName()
                    + "); start one (scripts/flink-cluster start) or run embedded with --flinkMaster=[local]", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reaching " + flinkMaster, e);
        }
    }

    /** The REST base URL of a master address written {@code host:port} or as a URL. */
    static String base(String flinkMaster) {
        String m = flinkMaster.endsWith("/") ? flinkMaster.substring(0, flinkMaster.length() - 1) : flinkMaster;
        return m.startsWith("http") ? m : "http://" + m;
    }

    /** The job's page in the cluster's web UI. */
    static String uiLink(String flinkMaster, String jobId) {
        return base(flinkMaster) + "/#/job/completed/" + jobId + "/overview";
    }

    /**
     * The job's status as Flink names it ({@code RUNNING}, {@code FINISHED}, {@code CANCELED}, ...).
     * Interruptible: the caller's interrupt ends the wait for the answer. Asks {@code /jobs/<id>/status},
     * which is answered fresh; {@code /jobs/<id>} is served from a cache that lags by up to
     * {@code web.refresh-interval} (3 s), which would be most of a small stage's time.
     */
    static String status(String flinkMaster, String jobId) throws InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base(flinkMaster) + "/jobs/" + jobId + "/status"))
                .timeout(Duration.ofSeconds(10)).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the Flink cluster at " + flinkMaster + " answered HTTP "
                    + response.statusCode() + " for job " + jobId);
        }
        return json(response.body()).path("status").asText();
    }

    /** Whether Flink's job status is one a job never leaves. */
    static boolean terminal(String status) {
        return switch (status) {
            case "FINISHED", "FAILED", "CANCELED", "SUSPENDED" -> true;
            default -> false;
        };
    }

    /** Asks the cluster to cancel the job ({@code PATCH /jobs/<id>?mode=cancel}); does not wait for it to end. */
    static void cancel(String flinkMaster, String jobId) throws InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                URI.create(base(flinkMaster) + "/jobs/" + jobId + "?mode=cancel"))
                .timeout(Duration.ofSeconds(10)).method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
        if (response.statusCode() != 202 && response.statusCode() != 200) {
            throw new IllegalStateException("the Flink cluster at " + flinkMaster + " refused to cancel job " + jobId
                    + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    /** The first line of the exception that failed the job, or empty when the cluster does not say. */
    static Optional<String> failure(String flinkMaster, String jobId) {
        try {
            HttpResponse<String> response = send(HttpRequest.newBuilder(
                    URI.create(base(flinkMaster) + "/jobs/" + jobId + "/exceptions"))
                    .timeout(Duration.ofSeconds(10)).GET().build());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            String text = json(response.body()).path("root-exception").asText("");
            return text.isBlank() ? Optional.empty() : Optional.of(rootCause(text));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The innermost "Caused by" of a Java stack trace as text, or its first line: what went wrong
     * in the user's code rather than Flink's wrappers.
     */
    static String rootCause(String trace) {
        String cause = trace.lines().findFirst().orElse(trace);
        for (String line : (Iterable<String>) trace.lines()::iterator) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return cause.strip();
    }

    /** Sends a request to a Flink cluster's REST API; unreachable is an error naming the cluster. */
    static HttpResponse<String> send(HttpRequest request) throws InterruptedException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot reach the Flink cluster at " + request.uri().getAuthority()
                    + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    /** A REST answer's body as JSON; anything else is an error that shows it. */
    static JsonNode json(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the Flink cluster sent an answer that is not JSON: " + body, e);
        }
    }

    /** The most recently started job with this name, or empty when the cluster does not say. */
    static Optional<String> idOf(String flinkMaster, String jobName) {
        return find(flinkMaster, jobName, false);
    }

    /** The most recently started job with this name that has not ended, or empty. */
    static Optional<String> liveIdOf(String flinkMaster, String jobName) {
        return find(flinkMaster, jobName, true);
    }

    private static Optional<String> find(String flinkMaster, String jobName, boolean liveOnly) {
        try {
            String base = flinkMaster.startsWith("http") ? flinkMaster : "http://" + flinkMaster;
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/jobs/overview"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            String best = null;
            long bestStart = Long.MIN_VALUE;
            for (JsonNode job : Json.mapper().readTree(response.body()).path("jobs")) {
                if (jobName.equals(job.path("name").asText()) && job.path("start-time").asLong() > bestStart
                        && !(liveOnly && terminal(job.path("state").asText()))) {
                    best = job.path("jid").asText();
                    bestStart = job.path("start-time").asLong();
                }
            }
            return Optional.ofNullable(best);
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
