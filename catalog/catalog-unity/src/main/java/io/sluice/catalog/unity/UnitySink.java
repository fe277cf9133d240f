package io.sluice.catalog.unity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.catalog.AssetName;
import io.sluice.catalog.OutboxEvent;
import io.sluice.catalog.OutboxEvent.EventDataset;
import io.sluice.catalog.RegisteredAsset;
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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the lake's valid, error and refined Delta tables in Unity Catalog as external tables
 * ({@link UnityTables}) when a run completes, with the Unity Catalog REST API (Databricks' or the open-source
 * server's, both under {@code /api/2.1/unity-catalog}):
 *
 * <ol>
 *   <li>{@code GET /tables/{full_name}}: 404 means the table is new;</li>
 *   <li>if new, {@code POST /tables} with the table; if its location, comment or columns changed (a schema change),
 *       {@code DELETE /tables/{full_name}} then {@code POST /tables} (deleting an external table drops its
 *       definition, never its data); if nothing changed, nothing is sent;</li>
 *   <li>if the asset has an owner that the table does not have, {@code PATCH /tables/{full_name}} with
 *       {@code {"owner": …}} (Databricks' "Update a table": "Change the owner of the table"). A server without
 *       that operation (the open-source server answers 404/405/501) keeps its owner, with a warning.</li>
 * </ol>
 *
 * A run's START and FAIL change no table and send nothing. Each request carries {@code Authorization: Bearer …}
 * (a Databricks personal access or OAuth token, given as a reference); 429 and 503 are retried as
 * {@link HttpRetry} says; any other unexpected answer fails the event, which the exporter offers again later
 * (every step above is safe to repeat).
 */
public final class UnitySink implements ExportSink {
    private static final Logger LOG = LoggerFactory.getLogger(UnitySink.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_IN_MESSAGE = 300;

    private final String id;
    private final String api;
    private final UnityTables tables;
    private final Function<AssetName, Optional<RegisteredAsset>> assets;
    private final String token;
    private final HttpRetry retry;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param id       the sink's id in the outbox ({@code unity-catalog} unless several servers are used)
     * @param endpoint the workspace or server, {@code https://adb-….azuredatabricks.net} or {@code http://localhost:8080}
     * @param tables   the catalog and schema tables go to
     * @param assets   looks up an asset's description and owner ({@code catalog::find})
     * @param token    the resolved bearer token; never logged
     * @param retry    how throttled answers are retried
     * @param timeout  for connecting and for each answer
     */
    public UnitySink(String id, URI endpoint, UnityTables tables, Function<AssetName, Optional<RegisteredAsset>> assets,
            String token, HttpRetry retry, Duration timeout) {
        this.id = Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpoint, "endpoint");
        Secrets.requireNoSecret("Unity Catalog endpoint", endpoint.toString());
        this.api = endpoint.toString().replaceAll("/+$", "") + "/api/2.1/unity-catalog";
        this.tables = Objects.requireNonNull(tables, "tables");
        this.assets = Objects.requireNonNull(assets, "assets");
        this.token = Objects.requireNonNull(token, "token");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** A sink with id {@code unity-catalog}, the standard retry and a 30 s time-out. */
    public static UnitySink of(URI endpoint, UnityTables tables, Function<AssetName, Optional<RegisteredAsset>> assets,
            String token) {
        return new UnitySink("unity-catalog", endpoint, tables, assets, token, HttpRetry.standard(), Duration.ofSeconds(30));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void send(OutboxEvent event) throws IOException, InterruptedException {
        if (event.type() != OutboxEvent.Type.COMPLETE) {
            return;
        }
        for (EventDataset dataset : event.outputs()) {
            if (UnityTables.isRegistered(dataset)) {
                register(dataset);
            }
        }
    }

    private void register(EventDataset dataset) throws IOException, InterruptedException {
        Optional<RegisteredAsset> registered = assets.apply(dataset.name());
        ObjectNode wanted = tables.createRequest(dataset, registered);
        String fullName = tables.fullName(dataset.name());
        URI tableUri = URI.create(api + "/tables/" + URLEncoder.encode(fullName, StandardCharsets.UTF_8));
        HttpResponse<String> found = call(HttpRequest.newBuilder(tableUri).GET(), "GET", fullName, 200, 404);
        JsonNode table;
        if (found.statusCode() == 404) {
            table = create(wanted, fullName);
        } else {
            JsonNode existing = JSON.readTree(found.body());
            List<String> differences = UnityTables.differences(existing, wanted);
            if (differences.isEmpty()) {
                table = existing;
            } else {
                LOG.info("Unity Catalog table {} changed ({}); replacing its definition", fullName, differences);
                call(HttpRequest.newBuilder(tableUri).DELETE(), "DELETE", fullName, 200, 204, 404);
                table = create(wanted, fullName);
            }
        }
        Optional<String> owner = registered.flatMap(r -> r.asset().owner());
        if (owner.isPresent() && !owner.get().equals(table.path("owner").asText(null))) {
            String body = JSON.createObjectNode().put("owner", owner.get()).toString();
            HttpResponse<String> patched = call(HttpRequest.newBuilder(tableUri).method("PATCH",
                    HttpRequest.BodyPublishers.ofString(body)), "PATCH", fullName, 200, 404, 405, 501);
            if (patched.statusCode() != 200) {
                LOG.warn("Unity Catalog at {} cannot change the owner of {} (HTTP {}); it keeps owner '{}'", api,
                        fullName, patched.statusCode(), table.path("owner").asText(""));
            }
        }
    }

    private JsonNode create(ObjectNode wanted, String fullName) throws IOException, InterruptedException {
        HttpResponse<String> created = call(HttpRequest.newBuilder(URI.create(api + "/tables"))
                .POST(HttpRequest.BodyPublishers.ofString(wanted.toString())), "POST", fullName, 200);
        return created.body() == null || created.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(created.body());
    }

    private HttpResponse<String> call(HttpRequest.Builder request, String method, String fullName, int... expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = retry.send(client, request.timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .build());
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response;
            }
        }
        String answer = response.body() == null ? "" : Secrets.redact(response.body().strip());
        throw new IOException("Unity Catalog " + URI.create(api).getHost() + " answered HTTP " + response.statusCode()
                + " to " + method + " of table " + fullName + (answer.isEmpty() ? ""
                : ": " + answer.substring(0, Math.min(answer.length(), MAX_BODY_IN_MESSAGE))));
    }

    @Override
    public String toString() {
        return "UnitySink[" + id + ", " + api + ", " + tables + "]";
    }
}
