package io.wechat.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything the edge is told: routes and event source mappings from the local environment's Terraform outputs
 * ({@code terraform output -json}), the rest from environment variables. Nothing here is a second copy of a route.
 */
public record EdgeConfig(List<RouteSpec> httpRoutes,
                         List<RouteSpec> websocketRoutes,
                         List<MappingSpec> eventSourceMappings,
                         List<StreamMappingSpec> streamMappings,
                         Map<String, URI> serviceUrls,
                         Jwt jwt,
                         Throttle throttle,
                         Cors cors,
                         WebSocket webSocket,
                         Duration integrationTimeout,
                         Aws aws,
                         Esm esm,
                         Web web,
                         String edgeSecret) {
    /** The header in which the edge proves to a service that a request came through it (API Gateway's role). */
    public static final String EDGE_SECRET_HEADER = "X-Edge-Secret";

    /** Default service ports of the team contract. */
    static final Map<String, String> DEFAULT_SERVICE_URLS = Map.of(
            "user-service", "http://127.0.0.1:8081",
            "chat-service", "http://127.0.0.1:8082",
            "media-service", "http://127.0.0.1:8083",
            "notification-service", "http://127.0.0.1:8084");

    /**
     * A route of the HTTP or WebSocket API: {route_key, service, authorization, scopes}; routeResponse makes a
     * WebSocket route two-way; scopes are the OAuth scopes the JWT authorizer requires (any one of them; none: any token).
     */
    public record RouteSpec(String routeKey, String service, String authorization, boolean routeResponse, List<String> scopes) {
        public RouteSpec {
            scopes = List.copyOf(scopes);
        }

        public RouteSpec(String routeKey, String service, String authorization, boolean routeResponse) {
            this(routeKey, service, authorization, routeResponse, List.of());
        }

        public boolean requiresJwt() {
            return "JWT".equalsIgnoreCase(authorization);
        }
    }

    /** An SQS event source mapping: the queue, the service whose POST /events receives its batches. */
    public record MappingSpec(String queueUrl, String queueArn, String service, int batchSize, int maximumBatchingWindowSeconds) {
    }

    /**
     * A DynamoDB stream event source mapping: the stream, the service whose POST /events receives its batches, and
     * what happens to a batch that keeps failing (retries, bisection, the on-failure queue it is described on).
     */
    public record StreamMappingSpec(String streamArn, String service, int batchSize, int maximumBatchingWindowSeconds,
                                    int maximumRetryAttempts, boolean bisectBatchOnFunctionError, String startingPosition,
                                    String onFailureQueueUrl) {
    }

    public record Jwt(String issuer, List<String> audiences, URI discoveryUrl, URI jwksUrl) {
    }

    public record Throttle(double rateLimit, int burstLimit) {
    }

    public record Cors(Set<String> allowOrigins, boolean allowCredentials, List<String> allowMethods,
                       List<String> allowHeaders, List<String> exposeHeaders, int maxAgeSeconds) {
        public Cors {
            if (allowCredentials && allowOrigins.contains("*")) {
                throw new IllegalArgumentException("CORS: credentials cannot be allowed together with origin '*' (API Gateway refuses it too)");
            }
        }

        public boolean enabled() {
            return !allowOrigins.isEmpty();
        }
    }

    /**
     * The WebSocket API; {@code origins} are the browser origins whose handshakes are accepted: the CORS origins and
     * the edge's own (the web app it serves); empty accepts only the Host's own authority (Helidon's rule).
     */
    public record WebSocket(String path, String stage, String apiId, Duration idleTimeout, Duration maxDuration,
                            int maxFrameBytes, int maxMessageBytes, Set<String> origins) {
    }

    /** The emulator, and the local cloud's one key pair, by which the @connections API checks signatures. */
    public record Aws(URI endpoint, String region, String accessKeyId, String secretAccessKey) {
    }

    /** Event source mappings; {@code checkpoints} is where stream pollers keep their place (null: in memory only). */
    public record Esm(boolean enabled, int waitTimeSeconds, Duration functionTimeout, Path checkpoints) {
    }

    /**
     * The web app's bucket, served as CloudFront's default behaviour; no bucket, no static site. The admin app's
     * bucket is served on a port of its own ({@code adminPort}, 0 for any free one): a separate origin, as its own
     * CloudFront distribution is in AWS; no admin bucket, no admin listener.
     */
    public record Web(String bucket, Duration cacheTtl, String adminBucket, int adminPort) {
        public boolean enabled() {
            return bucket != null && !bucket.isBlank();
        }

        public boolean adminEnabled() {
            return adminBucket != null && !adminBucket.isBlank();
        }
    }

    public static EdgeConfig fromEnvironment() {
        return from(System.getenv());
    }

    public static EdgeConfig from(Map<String, String> env) {
        JsonNode outputs = Json.object();
        String outputsFile = env.get("EDGE_TERRAFORM_OUTPUTS");
        if (outputsFile != null && !outputsFile.isBlank()) {
            try {
                outputs = Json.parse(Files.readAllBytes(Path.of(outputsFile)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read EDGE_TERRAFORM_OUTPUTS " + outputsFile, e);
            }
        }
        String issuer = env.getOrDefault("JWT_ISSUER", "http://localhost:8081");
        String discovery = env.getOrDefault("JWT_DISCOVERY_URL", stripSlash(issuer) + "/.well-known/openid-configuration");
        String jwks = env.get("JWT_JWKS_URL");
        Set<String> corsOrigins = new LinkedHashSet<>(list(env.getOrDefault("CORS_ALLOWED_ORIGINS", "")));
        return new EdgeConfig(
                routes(output(outputs, "http_routes")),
                routes(output(outputs, "websocket_routes")),
                mappings(output(outputs, "event_source_mappings")),
                streamMappings(output(outputs, "stream_event_source_mappings")),
                serviceUrls(env.get("SERVICE_URLS")),
                new Jwt(issuer, list(env.getOrDefault("JWT_AUDIENCE", "wechat-app")), URI.create(discovery),
                        jwks == null || jwks.isBlank() ? null : URI.create(jwks)),
                new Throttle(Double.parseDouble(env.getOrDefault("THROTTLE_RATE_LIMIT", "10000")),
                             Integer.parseInt(env.getOrDefault("THROTTLE_BURST_LIMIT", "5000"))),
                new Cors(corsOrigins,
                         Boolean.parseBoolean(env.getOrDefault("CORS_ALLOW_CREDENTIALS", "true")),
                         list(env.getOrDefault("CORS_ALLOWED_METHODS", "GET,POST,PUT,PATCH,DELETE,OPTIONS")),
                         list(env.getOrDefault("CORS_ALLOWED_HEADERS", "authorization,content-type,x-request-id,idempotency-key")),
                         list(env.getOrDefault("CORS_EXPOSE_HEADERS", "apigw-requestid,x-request-id,retry-after,location")),
                         Integer.parseInt(env.getOrDefault("CORS_MAX_AGE", "600"))),
                new WebSocket(env.getOrDefault("WS_PATH", "/ws"),
                              env.getOrDefault("WS_STAGE", "local"),
                              env.getOrDefault("API_ID", "local"),
                              Duration.ofSeconds(Long.parseLong(env.getOrDefault("WS_IDLE_TIMEOUT_SECONDS", "600"))),
                              Duration.ofSeconds(Long.parseLong(env.getOrDefault("WS_MAX_CONNECTION_SECONDS", "7200"))),
                              32 * 1024,
                              128 * 1024,
                              webSocketOrigins(corsOrigins, env.get("SERVER_PORT"))),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("INTEGRATION_TIMEOUT_SECONDS", "30"))),
                new Aws(env.get("AWS_ENDPOINT_URL") == null ? null : URI.create(env.get("AWS_ENDPOINT_URL")),
                        env.getOrDefault("AWS_REGION", "us-east-1"),
                        env.getOrDefault("AWS_ACCESS_KEY_ID", "test"), env.getOrDefault("AWS_SECRET_ACCESS_KEY", "test")),
                new Esm(Boolean.parseBoolean(env.getOrDefault("ESM_ENABLED", "true")),
                        Integer.parseInt(env.getOrDefault("ESM_WAIT_TIME_SECONDS", "20")),
                        Duration.ofSeconds(Long.parseLong(env.getOrDefault("ESM_FUNCTION_TIMEOUT_SECONDS", "30"))),
                        env.get("ESM_CHECKPOINT_DIR") == null || env.get("ESM_CHECKPOINT_DIR").isBlank()
                                ? null : Path.of(env.get("ESM_CHECKPOINT_DIR"))),
                new Web(env.get("WEB_BUCKET"),
                        Duration.ofMillis(Long.parseLong(env.getOrDefault("WEB_CACHE_TTL_MILLIS", "2000"))),
                        env.get("ADMIN_BUCKET"),
                        Integer.parseInt(env.getOrDefault("ADMIN_PORT", "8090"))),
                env.getOrDefault("EDGE_SECRET", ""));
    }

    /** A {@code terraform output -json} document holds {"name": {"value": ...}}; a bare value is accepted too. */
    private static JsonNode output(JsonNode outputs, String name) {
        JsonNode node = outputs.path(name);
        return node.has("value") ? node.get("value") : node;
    }

    /** A page the edge served itself opens its WebSocket from the edge's own origin: same origin, no CORS entry needed. */
    static Set<String> webSocketOrigins(Set<String> corsOrigins, String serverPort) {
        if (corsOrigins.isEmpty() || serverPort == null || serverPort.isBlank() || serverPort.equals("0")) {
            return Set.copyOf(corsOrigins);
        }
        Set<String> origins = new LinkedHashSet<>(corsOrigins);
        origins.add("http://localhost:" + serverPort);
        origins.add("http://127.0.0.1:" + serverPort);
        return Set.copyOf(origins);
    }

    private static List<RouteSpec> routes(JsonNode list) {
        List<RouteSpec> routes = new ArrayList<>();
        for (JsonNode r : list) {
            List<String> scopes = new ArrayList<>();
            r.path("scopes").forEach(scope -> scopes.add(scope.asText()));
            routes.add(new RouteSpec(r.path("route_key").asText(), r.path("service").asText(),
                                     r.path("authorization").asText("NONE"), r.path("route_response").asBoolean(false), scopes));
        }
        return List.copyOf(routes);
    }

    private static List<MappingSpec> mappings(JsonNode list) {
        List<MappingSpec> mappings = new ArrayList<>();
        for (JsonNode m : list) {
            mappings.add(new MappingSpec(m.path("queue_url").asText(), m.path("queue_arn").asText(), m.path("service").asText(),
                                         m.path("batch_size").asInt(10), m.path("maximum_batching_window_seconds").asInt(0)));
        }
        return List.copyOf(mappings);
    }

    private static List<StreamMappingSpec> streamMappings(JsonNode list) {
        List<StreamMappingSpec> mappings = new ArrayList<>();
        for (JsonNode m : list) {
            mappings.add(new StreamMappingSpec(m.path("stream_arn").asText(), m.path("service").asText(),
                                               m.path("batch_size").asInt(100), m.path("maximum_batching_window_seconds").asInt(0),
                                               m.path("maximum_retry_attempts").asInt(-1),
                                               m.path("bisect_batch_on_function_error").asBoolean(false),
                                               m.path("starting_position").asText("TRIM_HORIZON"),
                                               m.path("on_failure_queue_url").asText(null)));
        }
        return List.copyOf(mappings);
    }

    private static Map<String, URI> serviceUrls(String spec) {
        Map<String, String> urls = new LinkedHashMap<>(DEFAULT_SERVICE_URLS);
        for (String pair : list(spec == null ? "" : spec)) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("SERVICE_URLS: expected name=url, got '" + pair + "'");
            }
            urls.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        Map<String, URI> result = new LinkedHashMap<>();
        urls.forEach((name, url) -> result.put(name, URI.create(stripSlash(url))));
        return Map.copyOf(result);
    }

    static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * Adds the edge's secret ({@code EDGE_SECRET}, generated by make up for each start and given to the services too):
     * locally any process can reach a service's port, and only this header tells a service that the request context
     * and the identity in an event come from the edge. In AWS only API Gateway and Lambda reach a service.
     */
    public HttpRequest.Builder vouch(HttpRequest.Builder request) {
        return edgeSecret.isEmpty() ? request : request.setHeader(EDGE_SECRET_HEADER, edgeSecret);
    }

    public URI serviceUrl(String service) {
        URI url = serviceUrls.get(service);
        if (url == null) {
            throw new IllegalStateException("no URL for service '" + service + "': add it to SERVICE_URLS");
        }
        return url;
    }
}
