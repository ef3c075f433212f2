package io.cascata.notify;

import io.cascata.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Posts a notification's JSON to a URL; anything but a 2xx answer is a failed delivery. */
final class WebhookSender {

    private final URI url;
    private final Duration timeout;

    WebhookSender(String url, Duration timeout) {
        this.url = URI.create(url);
        this.timeout = timeout;
    }

    void send(RunNotification notification) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(notification.json())))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(url + " answered HTTP " + response.statusCode());
        }
    }
}
