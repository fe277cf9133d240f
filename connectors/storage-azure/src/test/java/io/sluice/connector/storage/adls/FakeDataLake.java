package io.sluice.connector.storage.adls;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An in-process ADLS Gen2 account for the datalake SDK: a {@link HttpClient} that answers the dfs REST calls
 * (create directory/file, append, flush, read, list paths, rename, delete, get/set access control) and the few
 * blob-endpoint calls the SDK routes there (properties, download, container create) from an in-memory tree with
 * hierarchical-namespace semantics: parents are created with a child, a rename is one call, a non-recursive delete
 * of a non-empty directory fails. Requests must carry a valid shared-key signature for the account key given.
 *
 * <p>Azurite has no dfs endpoint, so this is what the SDK-level operations are proven against.
 */
final class FakeDataLake implements HttpClient {
    private static final DateTimeFormatter RFC1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final StorageSharedKeyCredential key;
    private final Clock clock;
    private final Map<String, TreeMap<String, Node>> fileSystems = new TreeMap<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong etags = new AtomicLong();
    private final Map<String, String> applications = new TreeMap<>();
    private final java.util.Set<String> tokens = new java.util.HashSet<>();
    private final java.util.Set<String> identities = new java.util.HashSet<>();

    /** A file or directory. */
    private static final class Node {
        final boolean directory;
        byte[] data = new byte[0];
        final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        String acl = "user::rwx,group::r-x,other::---";
        Instant modified;
        String etag;

        Node(boolean directory) {
            this.directory = directory;
        }
    }

    FakeDataLake(String account, String accountKey, Clock clock) {
        this.key = new StorageSharedKeyCredential(account, accountKey);
        this.clock = clock;
    }

    /**
     * Registers a service principal: the fake Entra ID host {@value #LOGIN_HOST} issues tokens for it, which the
     * storage endpoints then accept as {@code Bearer} credentials.
     */
    synchronized void registerApplication(String tenant, String clientId, String clientSecret) {
        applications.put(tenant + "/" + clientId, clientSecret);
    }

    /**
     * Gives the machine a managed identity: {@code "system"} for the system-assigned one, else a user-assigned
     * identity's client id. The instance metadata endpoint ({@value #IMDS_HOST}) then issues tokens for it.
     */
    synchronized void assignIdentity(String clientIdOrSystem) {
        identities.add(clientIdOrSystem);
    }

    /** The Azure instance metadata service's address, answered here in process (no packet leaves the JVM). */
    static final String IMDS_HOST = "169.254.169.254";

    /** The Entra ID host this fake answers for ({@code https://login.fake.test}). */
    static final String LOGIN_HOST = "login.fake.test";

    /** Every request as {@code METHOD host-kind /path?operation}, in order: what the SDK really sent. */
    List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return Mono.fromCallable(() -> handle(request));
    }

    private synchronized HttpResponse handle(HttpRequest request) throws URISyntaxException {
        URI uri = request.getUrl().toURI();
        if (!uri.getHost().endsWith(".core.windows.net")) {
            return identity(request, uri);
        }
        boolean blob = uri.getHost().contains(".blob.");
        Map<String, String> query = query(uri.getRawQuery());
        String method = request.getHttpMethod().name();
        String fullPath = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
        int slash = fullPath.indexOf('/');
        String fs = slash < 0 ? fullPath : fullPath.substring(0, slash);
        String path = slash < 0 ? "" : trim(fullPath.substring(slash + 1));
        String operation = query.getOrDefault("resource", query.getOrDefault("action",
                query.getOrDefault("restype", request.getHeaders().getValue(HttpHeaderName.fromString("x-ms-rename-source")) != null
                        ? "rename" : "")));
        calls.add(method + " " + (blob ? "blob" : "dfs") + " /" + fullPath + (operation.isEmpty() ? "" : "?" + operation));

        String authorization = String.valueOf(request.getHeaders().getValue(HttpHeaderName.AUTHORIZATION));
        boolean authorized = authorization.startsWith("Bearer ") ? tokens.contains(authorization.substring(7))
                : authorization.equals(key.generateAuthorizationHeader(request.getUrl(), method, request.getHeaders(), false));
        if (!authorized) {
            return error(request, 403, "AuthenticationFailed", "the request's shared-key signature does not match");
        }
        if (path.isEmpty()) {
            return fileSystemCall(request, method, fs, query);
        }
        TreeMap<String, Node> tree = fileSystems.get(fs);
        if (tree == null) {
            return error(request, 404, blob ? "ContainerNotFound" : "FilesystemNotFound", "no file system " + fs);
        }
        return switch (method) {
            case "PUT" -> request.getHeaders().getValue(HttpHeaderName.fromString("x-ms-rename-source")) != null
                    ? rename(request, tree, path) : create(request, tree, path, query.get("resource"));
            case "PATCH" -> patch(request, tree, path, query);
            case "HEAD" -> properties(request, tree, path, query);
            case "GET" -> read(request, tree, path);
            case "DELETE" -> delete(request, tree, path, Boolean.parseBoolean(query.get("recursive")));
            default -> error(request, 405, "UnsupportedHttpVerb", method);
        };
    }

    /** The OAuth token endpoint of the fake Entra ID host; everything else there is logged and refused. */
    private HttpResponse identity(HttpRequest request, URI uri) {
        String method = request.getHttpMethod().name();
        calls.add(method + " " + uri.getHost() + uri.getPath());
        String[] segments = uri.getPath().split("/");
        if (uri.getHost().equals(LOGIN_HOST) && method.equals("POST") && uri.getPath().endsWith("/oauth2/v2.0/token")) {
            Map<String, String> form = query(request.getBodyAsBinaryData().toString());
            String secret = applications.get(segments[1] + "/" + form.get("client_id"));
            if (secret == null || !secret.equals(form.get("client_secret"))
                    || !"client_credentials".equals(form.get("grant_type"))) {
                HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "application/json");
                return new Response(request, 401, headers, ("{\"error\":\"invalid_client\",\"error_description\":"
                        + "\"AADSTS7000215: Invalid client secret provided.\"}").getBytes(StandardCharsets.UTF_8));
            }
            String token = "token-" + tokens.size();
            tokens.add(token);
            HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "application/json");
            return new Response(request, 200, headers, ("{\"token_type\":\"Bearer\",\"expires_in\":3600,"
                    + "\"ext_expires_in\":3600,\"access_token\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        HttpHeaders json = new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "application/json");
        if (uri.getHost().equals(IMDS_HOST) && uri.getPath().equals("/metadata/identity/oauth2/token")) {
            Map<String, String> q = query(uri.getRawQuery());
            String identity = q.getOrDefault("client_id", "system");
            if (!"true".equals(request.getHeaders().getValue(HttpHeaderName.fromString("Metadata")))
                    || !identities.contains(identity)) {
                return new Response(request, 400, json, ("{\"error\":\"invalid_request\",\"error_description\":"
                        + "\"Identity not found\"}").getBytes(StandardCharsets.UTF_8));
            }
            String token = "mi-token-" + tokens.size();
            tokens.add(token);
            long expires = clock.instant().getEpochSecond() + 3600;
            return new Response(request, 200, json, ("{\"access_token\":\"" + token + "\",\"expires_in\":\"3600\","
                    + "\"expires_on\":\"" + expires + "\",\"resource\":\"" + q.get("resource")
                    + "\",\"token_type\":\"Bearer\"}").getBytes(StandardCharsets.UTF_8));
        }
        String base = "https://" + LOGIN_HOST + "/";
        if (uri.getPath().endsWith("/discovery/instance")) {
            String tenant = query(uri.getRawQuery()).getOrDefault("authorization_endpoint", base + "common/")
                    .substring(base.length()).split("/")[0];
            return new Response(request, 200, json, ("{\"tenant_discovery_endpoint\":\"" + base + tenant
                    + "/v2.0/.well-known/openid-configuration\",\"api-version\":\"1.1\",\"metadata\":[{"
                    + "\"preferred_network\":\"" + LOGIN_HOST + "\",\"preferred_cache\":\"" + LOGIN_HOST
                    + "\",\"aliases\":[\"" + LOGIN_HOST + "\"]}]}").getBytes(StandardCharsets.UTF_8));
        }
        if (uri.getPath().endsWith("/.well-known/openid-configuration")) {
            String tenant = segments[1];
            return new Response(request, 200, json, ("{\"token_endpoint\":\"" + base + tenant
                    + "/oauth2/v2.0/token\",\"authorization_endpoint\":\"" + base + tenant
                    + "/oauth2/v2.0/authorize\",\"issuer\":\"" + base + tenant + "/v2.0\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return new Response(request, 404, json, "{\"error\":\"not_found\"}".getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse fileSystemCall(HttpRequest request, String method, String fs, Map<String, String> query) {
        boolean create = method.equals("PUT")
                && ("container".equals(query.get("restype")) || "filesystem".equals(query.get("resource")));
        if (create) {
            if (fileSystems.containsKey(fs)) {
                return error(request, 409, "ContainerAlreadyExists", "file system " + fs + " exists");
            }
            fileSystems.put(fs, new TreeMap<>());
            return respond(request, 201, stamp(new Node(true)), null);
        }
        if (!fileSystems.containsKey(fs)) {
            return error(request, 404, "ContainerNotFound", "no file system " + fs);
        }
        if (method.equals("GET") && "filesystem".equals(query.get("resource"))) {
            return listPaths(request, fileSystems.get(fs), trim(query.getOrDefault("directory", "")),
                    Boolean.parseBoolean(query.get("recursive")));
        }
        if ((method.equals("HEAD") || method.equals("GET")) && "container".equals(query.get("restype"))) {
            return respond(request, 200, stamp(new Node(true)), null);
        }
        return error(request, 400, "UnsupportedOperation", method + " on file system " + fs + " " + query);
    }

    private HttpResponse create(HttpRequest request, TreeMap<String, Node> tree, String path, String resource) {
        if (resource == null) {
            return error(request, 400, "InvalidQueryParameterValue", "PUT without resource=file|directory");
        }
        Node existing = tree.get(path);
        if (existing != null && "*".equals(request.getHeaders().getValue(HttpHeaderName.IF_NONE_MATCH))) {
            return error(request, 409, "PathAlreadyExists", "the path " + path + " exists");
        }
        boolean directory = resource.equals("directory");
        if (existing != null && existing.directory != directory) {
            return error(request, 409, existing.directory ? "PathConflict" : "ResourceTypeMismatch",
                    "a " + (existing.directory ? "directory" : "file") + " is at " + path);
        }
        String conflict = makeParents(tree, path);
        if (conflict != null) {
            return error(request, 409, "PathConflict", "the parent " + conflict + " is a file");
        }
        Node node = existing != null && directory ? existing : new Node(directory);
        tree.put(path, stamp(node));
        return respond(request, 201, node, null);
    }

    private HttpResponse rename(HttpRequest request, TreeMap<String, Node> tree, String target) {
        String source = request.getHeaders().getValue(HttpHeaderName.fromString("x-ms-rename-source"));
        source = URLDecoder.decode(source.split("\\?")[0], StandardCharsets.UTF_8);
        String[] parts = trim(source).split("/", 2);
        TreeMap<String, Node> sourceTree = fileSystems.get(parts[0]);
        String from = parts.length > 1 ? trim(parts[1]) : "";
        if (sourceTree != tree) {
            return error(request, 400, "InvalidSourceUri", "a rename stays in one file system");
        }
        if (!tree.containsKey(from)) {
            return error(request, 404, "SourcePathNotFound", "no path " + from);
        }
        if (tree.containsKey(target) && "*".equals(request.getHeaders().getValue(HttpHeaderName.IF_NONE_MATCH))) {
            return error(request, 409, "PathAlreadyExists", "the path " + target + " exists");
        }
        String parent = parent(target);
        if (!parent.isEmpty() && (!tree.containsKey(parent) || !tree.get(parent).directory)) {
            return error(request, 404, "RenameDestinationParentPathNotFound", "no directory " + parent);
        }
        if (target.equals(from) || target.startsWith(from + "/")) {
            return error(request, 400, "InvalidDestinationPath", "cannot rename " + from + " into itself");
        }
        Map<String, Node> moving = new LinkedHashMap<>();
        moving.put(from, tree.get(from));
        moving.putAll(tree.subMap(from + "/", from + "0"));
        for (Map.Entry<String, Node> e : moving.entrySet()) {
            tree.remove(e.getKey());
            tree.put(target + e.getKey().substring(from.length()), e.getValue());
        }
        return respond(request, 201, tree.get(target), null);
    }

    private HttpResponse patch(HttpRequest request, TreeMap<String, Node> tree, String path, Map<String, String> q) {
        Node node = tree.get(path);
        if (node == null) {
            return error(request, 404, "PathNotFound", "no path " + path);
        }
        String action = q.getOrDefault("action", "");
        switch (action) {
            case "append" -> {
                BinaryData body = request.getBodyAsBinaryData();
                byte[] bytes = body == null ? new byte[0] : body.toBytes();
                long position = Long.parseLong(q.get("position"));
                if (position != node.pending.size()) {
                    return error(request, 400, "InvalidFlushPosition", "append at " + position + ", length "
                            + node.pending.size());
                }
                node.pending.writeBytes(bytes);
                return respond(request, 202, node, null);
            }
            case "flush" -> {
                long position = Long.parseLong(q.get("position"));
                if (position != node.pending.size()) {
                    return error(request, 400, "InvalidFlushPosition", "flush at " + position + ", appended "
                            + node.pending.size());
                }
                node.data = node.pending.toByteArray();
                return respond(request, 200, stamp(node), null);
            }
            case "setAccessControl" -> {
                String acl = request.getHeaders().getValue(HttpHeaderName.fromString("x-ms-acl"));
                if (acl == null) {
                    return error(request, 400, "MissingRequiredHeader", "x-ms-acl");
                }
                node.acl = acl;
                return respond(request, 200, node, null);
            }
            default -> {
                return error(request, 400, "InvalidQueryParameterValue", "action=" + action);
            }
        }
    }

    private HttpResponse properties(HttpRequest request, TreeMap<String, Node> tree, String path, Map<String, String> q) {
        Node node = tree.get(path);
        if (node == null) {
            return error(request, 404, "BlobNotFound", "no path " + path);
        }
        HttpHeaders headers = new HttpHeaders();
        if ("getAccessControl".equals(q.get("action"))) {
            headers.set(HttpHeaderName.fromString("x-ms-acl"), node.acl);
            headers.set(HttpHeaderName.fromString("x-ms-owner"), "$superuser");
            headers.set(HttpHeaderName.fromString("x-ms-group"), "$superuser");
            headers.set(HttpHeaderName.fromString("x-ms-permissions"), permissions(node.acl));
        } else {
            headers.set(HttpHeaderName.fromString("x-ms-resource-type"), node.directory ? "directory" : "file");
            headers.set(HttpHeaderName.fromString("x-ms-blob-type"), "BlockBlob");
            headers.set(HttpHeaderName.fromString("x-ms-creation-time"), RFC1123.format(node.modified));
            if (node.directory) {
                headers.set(HttpHeaderName.fromString("x-ms-meta-hdi_isfolder"), "true");
            }
        }
        headers.set(HttpHeaderName.CONTENT_LENGTH, Long.toString(node.data.length));
        return respond(request, 200, node, null, headers);
    }

    private HttpResponse read(HttpRequest request, TreeMap<String, Node> tree, String path) {
        Node node = tree.get(path);
        if (node == null || node.directory) {
            return error(request, 404, "BlobNotFound", "no file " + path);
        }
        String range = request.getHeaders().getValue(HttpHeaderName.fromString("x-ms-range"));
        if (range == null) {
            range = request.getHeaders().getValue(HttpHeaderName.RANGE);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaderName.fromString("x-ms-blob-type"), "BlockBlob");
        headers.set(HttpHeaderName.fromString("x-ms-resource-type"), "file");
        byte[] data = node.data;
        if (range == null) {
            return respond(request, 200, node, data, headers);
        }
        String[] bounds = range.substring("bytes=".length()).split("-");
        int start = Integer.parseInt(bounds[0]);
        if (start >= data.length && data.length > 0) {
            return error(request, 416, "InvalidRange", range + " of " + data.length + " bytes");
        }
        int end = bounds.length > 1 && !bounds[1].isEmpty() ? Math.min(Integer.parseInt(bounds[1]), data.length - 1)
                : data.length - 1;
        byte[] slice = data.length == 0 ? data : Arrays.copyOfRange(data, start, end + 1);
        headers.set(HttpHeaderName.CONTENT_RANGE, "bytes " + start + "-" + Math.max(end, 0) + "/" + data.length);
        return respond(request, data.length == 0 ? 200 : 206, node, slice, headers);
    }

    private HttpResponse delete(HttpRequest request, TreeMap<String, Node> tree, String path, boolean recursive) {
        Node node = tree.get(path);
        if (node == null) {
            return error(request, 404, "PathNotFound", "no path " + path);
        }
        Map<String, Node> children = tree.subMap(path + "/", path + "0");
        if (!children.isEmpty() && !recursive) {
            return error(request, 409, "DirectoryNotEmpty", path + " is not empty");
        }
        children.clear();
        tree.remove(path);
        return respond(request, 200, node, null);
    }

    private HttpResponse listPaths(HttpRequest request, TreeMap<String, Node> tree, String directory, boolean recursive) {
        if (!directory.isEmpty() && (!tree.containsKey(directory) || !tree.get(directory).directory)) {
            return error(request, 404, "PathNotFound", "no directory " + directory);
        }
        StringBuilder json = new StringBuilder("{\"paths\":[");
        String prefix = directory.isEmpty() ? "" : directory + "/";
        boolean first = true;
        for (Map.Entry<String, Node> e : tree.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(prefix) || (!recursive && name.substring(prefix.length()).contains("/"))) {
                continue;
            }
            Node n = e.getValue();
            json.append(first ? "" : ",").append("{\"name\":\"").append(name.replace("\"", "\\\""))
                    .append("\",").append(n.directory ? "\"isDirectory\":\"true\"," : "")
                    .append("\"contentLength\":\"").append(n.data.length).append("\",\"lastModified\":\"")
                    .append(RFC1123.format(n.modified)).append("\",\"etag\":\"").append(n.etag.replace("\"", ""))
                    .append("\",\"owner\":\"$superuser\",\"group\":\"$superuser\",\"permissions\":\"")
                    .append(permissions(n.acl)).append("\"}");
            first = false;
        }
        json.append("]}");
        HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "application/json;charset=utf-8");
        return respond(request, 200, null, json.toString().getBytes(StandardCharsets.UTF_8), headers);
    }

    private String makeParents(TreeMap<String, Node> tree, String path) {
        String parent = parent(path);
        if (parent.isEmpty()) {
            return null;
        }
        Node p = tree.get(parent);
        if (p != null) {
            return p.directory ? null : parent;
        }
        String conflict = makeParents(tree, parent);
        if (conflict == null) {
            tree.put(parent, stamp(new Node(true)));
        }
        return conflict;
    }

    private Node stamp(Node node) {
        node.modified = clock.instant();
        node.etag = "\"0x" + Long.toHexString(0x8DC000000000000L + etags.incrementAndGet()) + "\"";
        return node;
    }

    private static String permissions(String acl) {
        StringBuilder rwx = new StringBuilder("---------");
        for (String entry : acl.split(",")) {
            String[] p = entry.split(":");
            if (p.length == 3 && p[1].isEmpty()) {
                int at = switch (p[0]) {
                    case "user" -> 0;
                    case "group" -> 3;
                    case "other" -> 6;
                    default -> -1;
                };
                if (at >= 0) {
                    rwx.replace(at, at + 3, p[2]);
                }
            }
        }
        return rwx.toString();
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String trim(String p) {
        String s = p;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                q.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private HttpResponse error(HttpRequest request, int status, String code, String message) {
        HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.fromString("x-ms-error-code"), code);
        boolean blob = request.getUrl().getHost().contains(".blob.");
        byte[] body = null;
        if (request.getHttpMethod() != HttpMethod.HEAD) {
            if (blob) {
                headers.set(HttpHeaderName.CONTENT_TYPE, "application/xml");
                body = ("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code + "</Code><Message>" + message
                        + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
            } else {
                headers.set(HttpHeaderName.CONTENT_TYPE, "application/json;charset=utf-8");
                body = ("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}}")
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
        return respond(request, status, null, body, headers);
    }

    private HttpResponse respond(HttpRequest request, int status, Node node, byte[] body) {
        return respond(request, status, node, body, new HttpHeaders());
    }

    private HttpResponse respond(HttpRequest request, int status, Node node, byte[] body, HttpHeaders headers) {
        headers.set(HttpHeaderName.fromString("x-ms-request-id"), "fake-" + calls.size());
        headers.set(HttpHeaderName.fromString("x-ms-version"), "2025-01-05");
        headers.set(HttpHeaderName.DATE, RFC1123.format(clock.instant()));
        if (node != null) {
            headers.set(HttpHeaderName.ETAG, node.etag);
            headers.set(HttpHeaderName.LAST_MODIFIED, RFC1123.format(node.modified));
        }
        if (headers.getValue(HttpHeaderName.CONTENT_LENGTH) == null) {
            headers.set(HttpHeaderName.CONTENT_LENGTH, Integer.toString(body == null ? 0 : body.length));
        }
        return new Response(request, status, headers, body == null ? new byte[0] : body);
    }

    /** A fully buffered response. */
    private static final class Response extends HttpResponse {
        private final int status;
        private final HttpHeaders headers;
        private final byte[] body;

        Response(HttpRequest request, int status, HttpHeaders headers, byte[] body) {
            super(request);
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        @Deprecated
        public String getHeaderValue(String name) {
            return headers.getValue(HttpHeaderName.fromString(name));
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return body.length == 0 ? Flux.empty() : Flux.just(ByteBuffer.wrap(body));
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return body.length == 0 ? Mono.empty() : Mono.just(body);
        }

        @Override
        public Mono<String> getBodyAsString() {
            return getBodyAsString(StandardCharsets.UTF_8);
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return getBodyAsByteArray().map(b -> new String(b, charset));
        }
    }
}
