package io.sluice.catalog.purview;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.catalog.OutboxEvent;
import io.sluice.catalog.Secrets;
import io.sluice.catalog.export.ExportSink;
import io.sluice.catalog.export.HttpRetry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends each run event to Microsoft Purview's Data Map (Apache Atlas v2 API) as one entity bulk create-or-update
 * request ({@link PurviewEntities}): {@code POST {endpoint}/datamap/api/atlas/v2/entity/bulk?api-version=2023-09-01}
 * with a bearer token for the scope {@code https://purview.azure.net/.default} (the scope the API's OAuth2
 * security section names), obtained from a service principal by the Azure Identity SDK ({@link PurviewCredentials}).
 * Answers 429 and 503 are retried after the wait {@code Retry-After} asks for ({@link HttpRetry}); any other answer
 * but 200 is a failure, and the exporter offers the event again later.
 */
public final class PurviewSink implements ExportSink {
    /** The Data Map API version this sink speaks. */
    public static final String API_VERSION = "2023-09-01";
    /** The OAuth2 scope of the Purview Data Map API. */
    public static final String SCOPE = "https://purview.azure.net/.default";
    private static final int MAX_BODY_IN_MESSAGE = 300;

    private final String id;
    private final URI bulkUri;
    private final PurviewEntities entities;
    private final TokenCredential credential;
    private final HttpRetry retry;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param id         the sink's id in the outbox ({@code purview} unless several accounts are used)
     * @param endpoint   the account's endpoint, {@code https://<account>.purview.azure.com}
     * @param collection the collection new entities go to; empty for the account's root collection
     * @param entities   maps events to entities
     * @param credential the service principal
     * @param retry      how throttled answers are retried
     * @param timeout    for connecting and for each answer
     */
    public PurviewSink(String id, URI endpoint, Optional<String> collection, PurviewEntities entities,
            TokenCredential credential, HttpRetry retry, Duration timeout) {
        this.id = Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(collection, "collection");
        this.entities = Objects.requireNonNull(entities, "entities");
        this.credential = Objects.requireNonNull(credential, "credential");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        Secrets.requireNoSecret("Purview endpoint", endpoint.toString());
        this.bulkUri = URI.create(endpoint.toString().replaceAll("/+$", "")
                + "/datamap/api/atlas/v2/entity/bulk?api-version=" + API_VERSION
                + collection.map(c -> "&collectionId=" + URLEncoder.encode(c, StandardCharsets.UTF_8)).orElse(""));
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** A sink with id {@code purview}, the standard retry and a 30 s time-out. */
    public static PurviewSink of(URI endpoint, Optional<String> collection, PurviewEntities entities,
            TokenCredential credential) {
        return new PurviewSink("purview", endpoint, collection, entities, credential, HttpRetry.standard(),
                Duration.ofSeconds(30));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void send(OutboxEvent event) throws IOException, InterruptedException {
        Optional<ObjectNode> body = entities.bulkRequest(event);
        if (body.isEmpty()) {
            return;
        }
        String token = credential.getTokenSync(new TokenRequestContext().addScopes(SCOPE)).getToken();
        HttpRequest request = HttpRequest.newBuilder(bulkUri).timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.get().toString()))
                .build();
        HttpResponse<String> response = retry.send(client, request);
        if (response.statusCode() != 200) {
            String answer = response.body() == null ? "" : Secrets.redact(response.body().strip());
            throw new IOException("Purview " + bulkUri.getHost() + " answered HTTP " + response.statusCode()
                    + " to the entity bulk request" + (answer.isEmpty() ? ""
                    : ": " + answer.substring(0, Math.min(answer.length(), MAX_BODY_IN_MESSAGE))));
        }
    }
}
