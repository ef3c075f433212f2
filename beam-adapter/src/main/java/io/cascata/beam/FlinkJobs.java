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
 * Asks a Flink session cluster's REST API for the id of the job a stage just ran, found by its
 * name (the task id): Beam's Flink runner does not hand the id back in attached mode.
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

    /** The most recently started job with this name, or empty when the cluster does not say. */
    static Optional<String> idOf(String flinkMaster, String jobName) {
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
                if (jobName.equals(job.path("name").asText()) && job.path("start-time").asLong() > bestStart) {
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
