package io.sluice.catalog.openlineage;

import io.sluice.catalog.OutboxEvent;
import io.sluice.catalog.Secrets;
import io.sluice.catalog.export.ExportSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * POSTs each event as JSON to an OpenLineage endpoint (Marquez: {@code http://host:5000/api/v1/lineage}) with
 * the JDK's HTTP client. Any answer other than 2xx, a time-out or a refused connection is a failure: the exporter
 * tries the event again later.
 */
public final class OpenLineageHttpSink implements ExportSink {
    private static final int MAX_BODY_IN_MESSAGE = 300;

    private final String id;
    private final URI endpoint;
    private final OpenLineageEvents events;
    private final Duration timeout;
    private final Optional<String> apiKey;
    private final HttpClient client;

    /**
     * @param id       the sink's id in the outbox ({@code openlineage-http} unless several endpoints are used)
     * @param endpoint where events are POSTed; never with credentials in it
     * @param timeout  for connecting and for the answer
     * @param apiKey   sent as {@code Authorization: Bearer …} when present (resolved from the environment by the
     *                 caller, never stored)
     */
    public OpenLineageHttpSink(String id, URI endpoint, OpenLineageEvents events, Duration timeout,
            Optional<String> apiKey) {
        this.id = Objects.requireNonNull(id, "id");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.events = Objects.requireNonNull(events, "events");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        Secrets.requireNoSecret("OpenLineage endpoint", endpoint.toString());
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** A sink with id {@code openlineage-http}, a 10 s time-out and no API key. */
    public OpenLineageHttpSink(URI endpoint, OpenLineageEvents events) {
        this("openlineage-http", endpoint, events, Duration.ofSeconds(10), Optional.empty());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void send(OutboxEvent event) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(events.toJson(event)));
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body().strip();
            throw new IOException("OpenLineage endpoint " + endpoint + " answered HTTP " + response.statusCode()
                    + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(body.length(), MAX_BODY_IN_MESSAGE))));
        }
    }
}
