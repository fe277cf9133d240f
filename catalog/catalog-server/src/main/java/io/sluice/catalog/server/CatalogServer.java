package io.sluice.catalog.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sluice.catalog.AssetName;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.CatalogErrors;
import io.sluice.catalog.CatalogException;
import io.sluice.catalog.LineageDirection;
import io.sluice.catalog.NoSuchAssetException;
import io.sluice.catalog.RegisteredAsset;
import io.sluice.catalog.RunKey;
import io.sluice.catalog.Zone;
import io.sluice.metadata.ErrorCategory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's read-only web pages and JSON REST API (documented in {@code docs/catalog.md}), on the JDK's HTTP
 * server. Binds the loopback address unless told otherwise; everything it serves comes from the jar.
 */
public final class CatalogServer implements AutoCloseable {
    /** The address served when none is given ({@code sluice catalog serve} without {@code --bind}): loopback only. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    private static final Logger LOG = LoggerFactory.getLogger(CatalogServer.class);
    private static final int DEFAULT_LIMIT = 50;

    private final Catalog catalog;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;

    private CatalogServer(Catalog catalog, HttpServer server, ExecutorService executor, Clock clock) {
        this.catalog = catalog;
        this.server = server;
        this.executor = executor;
        this.clock = clock;
    }

    /** Serves {@code catalog} on 127.0.0.1:{@code port} (0 for any free port). */
    public static CatalogServer start(Catalog catalog, int port) {
        return start(catalog, new InetSocketAddress(DEFAULT_BIND, port));
    }

    /** Serves {@code catalog} on {@code address}; the caller owns the catalog and closes it after the server. */
    public static CatalogServer start(Catalog catalog, InetSocketAddress address) {
        return start(catalog, address, Clock.systemUTC());
    }

    /** As {@link #start(Catalog, InetSocketAddress)}, with {@code clock} telling freshness ("updated 2 h ago"). */
    public static CatalogServer start(Catalog catalog, InetSocketAddress address, Clock clock) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(clock, "clock");
        try {
            HttpServer http = HttpServer.create(address, 0);
            ExecutorService executor = Executors.newFixedThreadPool(4);
            CatalogServer server = new CatalogServer(catalog, http, executor, clock);
            http.createContext("/", server::handle);
            http.setExecutor(executor);
            http.start();
            LOG.info("catalog served on {}", server.uri());
            return server;
        } catch (IOException e) {
            throw CatalogErrors.serveFailed(String.valueOf(address), e);
        }
    }

    /** Where the server listens, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "application/json", Json.error("METHOD_NOT_ALLOWED", "the catalog server is read-only"));
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            boolean api = path.startsWith("/api/");
            try {
                route(exchange, path, query(exchange.getRequestURI().getRawQuery()));
            } catch (NoSuchAssetException e) {
                fail(exchange, api, 404, e.code(), e.getMessage());
            } catch (CatalogException e) {
                fail(exchange, api, e.category() == ErrorCategory.USER ? 400 : 500, e.code(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("catalog server: {} failed", path, e);
                fail(exchange, api, 500, "INTERNAL", "internal error, see the server log");
            }
        }
    }

    private void route(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
        int limit = limit(query);
        if (path.equals("/api/search")) {
            json(exchange, Json.array(catalog.search(query.getOrDefault("q", ""), limit), Json::hit));
        } else if (path.equals("/api/runs")) {
            json(exchange, Json.array(catalog.recentRuns(limit), Json::run));
        } else if (path.equals("/api/late")) {
            json(exchange, Json.array(catalog.late(clock.instant()), Json::late));
        } else if (path.startsWith("/api/assets/")) {
            String[] parts = path.substring("/api/assets/".length()).split("/", -1);
            AssetName name = AssetName.parse(decode(parts[0]));
            String sub = parts.length > 1 ? parts[1] : "";
            switch (sub) {
                case "" -> json(exchange, Json.asset(require(name)));
                case "runs" -> json(exchange, Json.array(catalog.runs(name.source(), name.dataset(), limit), Json::run));
                case "profiles" -> json(exchange, Json.array(catalog.profiles(name.source(), name.dataset(), limit),
                        Json::profiles));
                case "sample" -> json(exchange, Json.sample(catalog.sample(name).orElseThrow(() -> CatalogErrors.noSample(name))));
                case "lineage" -> json(exchange, "{\"upstream\":"
                        + Json.array(catalog.lineage(name, LineageDirection.UPSTREAM), Json::edge) + ",\"downstream\":"
                        + Json.array(catalog.lineage(name, LineageDirection.DOWNSTREAM), Json::edge)
                        + ",\"columns\":" + Json.array(catalog.columnLineage(name), Json::columnEdge) + "}");
                default -> notFound(exchange, true, path);
            }
        } else if (path.equals("/")) {
            String q = query.getOrDefault("q", "");
            html(exchange, Pages.search(q, q.isBlank() ? List.of() : catalog.search(q, limit),
                    catalog.late(clock.instant())));
        } else if (path.equals("/runs")) {
            html(exchange, Pages.runs(catalog.recentRuns(limit), this::pageOf));
        } else if (path.startsWith("/assets/")) {
            AssetName name = AssetName.parse(decode(path.substring("/assets/".length())));
            RegisteredAsset asset = require(name);
            html(exchange, AssetPage.render(new AssetPage.View(asset, catalog.runs(name.source(), name.dataset(), 20),
                    catalog.lineage(name, LineageDirection.UPSTREAM), catalog.lineage(name, LineageDirection.DOWNSTREAM),
                    catalog.sample(name), clock.instant(), catalog.columnLineage(name),
                    name.zone() == Zone.VALID ? catalog.profiles(name.source(), name.dataset(), 10) : List.of()),
                    this::pageOf));
        } else if (path.equals("/static/sluice.css")) {
            try (InputStream css = CatalogServer.class.getResourceAsStream("sluice.css")) {
                send(exchange, 200, "text/css; charset=utf-8", new String(css.readAllBytes(), StandardCharsets.UTF_8));
            }
        } else {
            notFound(exchange, path.startsWith("/api/"), path);
        }
    }

    /** The page of a run's dataset: its valid asset, else its refined one, else any registered zone. */
    private Optional<AssetName> pageOf(RunKey key) {
        List<RegisteredAsset> assets = catalog.assetsOf(key.source(), key.dataset());
        for (Zone zone : List.of(Zone.VALID, Zone.REFINED)) {
            for (RegisteredAsset asset : assets) {
                if (asset.name().zone() == zone) {
                    return Optional.of(asset.name());
                }
            }
        }
        return assets.stream().map(RegisteredAsset::name).findFirst();
    }

    private RegisteredAsset require(AssetName name) {
        return catalog.find(name).orElseThrow(() -> CatalogErrors.noSuchAsset(name));
    }

    private static int limit(Map<String, String> query) {
        String value = query.get("limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw CatalogErrors.badLimit(-1);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.putIfAbsent(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
                }
            }
        }
        return values;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static void notFound(HttpExchange exchange, boolean api, String path) throws IOException {
        fail(exchange, api, 404, "NOT_FOUND", "no page " + path);
    }

    private static void fail(HttpExchange exchange, boolean api, int status, String code, String message)
            throws IOException {
        if (api) {
            send(exchange, status, "application/json", Json.error(code, message));
        } else {
            send(exchange, status, "text/html; charset=utf-8", Pages.error(status, message));
        }
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        send(exchange, 200, "application/json", body);
    }

    private static void html(HttpExchange exchange, String body) throws IOException {
        send(exchange, 200, "text/html; charset=utf-8", body);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
