package io.wechat.edge.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.edge.AccessLog;
import io.wechat.edge.EdgeConfig.RouteSpec;
import io.wechat.edge.Ids;
import io.wechat.edge.Json;
import io.wechat.edge.web.BucketObjects.StoredObject;

/**
 * CloudFront's default behaviour in front of the web bucket: GET and HEAD on every path that no API behaviour
 * claims are answered from the bucket; {@code /} is {@code index.html} (the default root object); a client-side
 * route (a page request for a path without a file extension and no such object) gets {@code index.html}, as a
 * custom error response mapping 403/404 to it would. The API behaviours' path patterns are the first segments of
 * the route table's paths ({@code /users*}, ...), as the cdn module derives them, so API paths keep the API's
 * answers, 404s included.
 */
public final class StaticSite {
    static final String INDEX = "index.html";
    /** Vite's output folder of content-hashed files: a new build never reuses a name. */
    static final String HASHED_ASSETS = "assets/";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /** What a request asks of the bucket: the key to read, and whether a miss falls back to index.html. */
    record Lookup(String key, boolean clientRoute) {
    }

    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("wasm", "application/wasm"));

    private final BucketObjects objects;
    private final Set<String> apiPrefixes;
    private final String webSocketPath;
    private final AccessLog accessLog;

    public StaticSite(BucketObjects objects, List<RouteSpec> httpRoutes, String webSocketPath, AccessLog accessLog) {
        this.objects = objects;
        this.apiPrefixes = apiPrefixes(httpRoutes);
        this.webSocketPath = webSocketPath;
        this.accessLog = accessLog;
    }

    /** "/" + the first segment of each route's path: the cdn module's API path patterns, without the trailing '*'. */
    static Set<String> apiPrefixes(List<RouteSpec> routes) {
        Set<String> prefixes = new TreeSet<>();
        for (RouteSpec route : routes) {
            String[] parts = route.routeKey().split(" ", 2);
            if (parts.length == 2 && parts[1].startsWith("/")) {
                String path = parts[1];
                int end = path.indexOf('/', 1);
                prefixes.add(end < 0 ? path : path.substring(0, end));
            }
        }
        return Set.copyOf(prefixes);
    }

    /** Whether the default behaviour (the bucket) answers this request rather than the API. */
    public boolean serves(String method, String path) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return false;
        }
        if (webSocketPath != null && path.equals(webSocketPath)) {
            return false;
        }
        for (String prefix : apiPrefixes) {
            if (path.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    static Lookup lookup(String rawPath, String accept) {
        String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        String key = path.equals("/") || path.isEmpty() ? INDEX : path.substring(1);
        String lastSegment = path.substring(path.lastIndexOf('/') + 1);
        boolean page = accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
        return new Lookup(key, page && !lastSegment.contains("."));
    }

    static String contentType(String key, String stored) {
        if (stored != null && !stored.isBlank() && !stored.equals("binary/octet-stream")
                && !stored.equals("application/octet-stream")) {
            return stored;
        }
        int dot = key.lastIndexOf('.');
        String extension = dot < 0 ? "" : key.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    /** The object's own Cache-Control (set when the app is uploaded) or, without one, the same rule. */
    static String cacheControl(String key, String stored) {
        if (stored != null && !stored.isBlank()) {
            return stored;
        }
        return key.startsWith(HASHED_ASSETS) ? IMMUTABLE : REVALIDATE;
    }

    static boolean notModified(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || etag == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    public void handle(ServerRequest req, ServerResponse res) {
        long started = System.nanoTime();
        String requestId = Ids.next();
        String method = req.prologue().method().text();
        String path = req.path().rawPath();
        ObjectNode log = AccessLog.entry(requestId, req.remotePeer().host()).put("method", method).put("path", path)
                .put("protocol", "HTTP/1.1").put("routeKey", "static");
        int status;
        try {
            status = serve(req, res, method, path, log);
        } catch (RuntimeException e) {
            // The origin failed: CloudFront answers 502.
            log.put("error", e.toString());
            status = error(res, 502, "Bad Gateway");
        }
        accessLog.write(log.put("status", status).put("latency", (System.nanoTime() - started) / 1_000_000));
    }

    private int serve(ServerRequest req, ServerResponse res, String method, String path, ObjectNode log) {
        Lookup lookup = lookup(path, header(req, "Accept"));
        String key = lookup.key();
        Optional<StoredObject> object = objects.get(key);
        if (object.isEmpty() && lookup.clientRoute()) {
            key = INDEX;
            object = objects.get(key);
        }
        log.put("key", key);
        if (object.isEmpty()) {
            return error(res, 404, "Not Found");
        }
        StoredObject found = object.get();
        if (found.etag() != null) {
            res.header(HeaderNames.ETAG, found.etag());
        }
        res.header(HeaderNames.CACHE_CONTROL, cacheControl(key, found.cacheControl()));
        if (found.lastModified() != null) {
            res.header(HeaderNames.LAST_MODIFIED, HTTP_DATE.format(found.lastModified()));
        }
        if (notModified(header(req, "If-None-Match"), found.etag())) {
            res.status(Status.NOT_MODIFIED_304).send();
            return 304;
        }
        res.header(HeaderNames.CONTENT_TYPE, contentType(key, found.contentType()));
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        if (method.equals("HEAD")) {
            res.header(HeaderNames.CONTENT_LENGTH, Integer.toString(found.body().length));
            res.send();
        } else {
            res.send(found.body());
        }
        return 200;
    }

    /** A request the distribution does not take (a method other than GET and HEAD): 403, as CloudFront answers it. */
    public static void refuse(ServerResponse res) {
        error(res, 403, "Forbidden");
    }

    private static int error(ServerResponse res, int status, String message) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, REVALIDATE);
        res.send(Json.message(message).getBytes(StandardCharsets.UTF_8));
        return status;
    }

    private static String header(ServerRequest req, String name) {
        return req.headers().first(HeaderNames.create(name)).orElse(null);
    }
}
