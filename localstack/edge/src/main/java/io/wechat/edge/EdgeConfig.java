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
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.config.EnvConfig;

/**
 * Everything the edge is told: routes and event source mappings from the local environment's Terraform outputs
 * ({@code terraform output -json}), the rest from environment variables over application.yaml. Nothing here is a
 * second copy of a route.
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
     * A DynamoDB stream event source mapping: the stream, the service whose POST /events receives its batches, what
     * happens to a batch that keeps failing (retries, bisection, the on-failure queue it is described on), and how many
     * batches of one shard are in flight at once ({@code parallelizationFactor}, 1-10, order kept per partition key).
     */
    public record StreamMappingSpec(String streamArn, String service, int batchSize, int maximumBatchingWindowSeconds,
                                    int maximumRetryAttempts, boolean bisectBatchOnFunctionError, String startingPosition,
                                    String onFailureQueueUrl, int parallelizationFactor) {
        public StreamMappingSpec {
            if (parallelizationFactor < 1 || parallelizationFactor > 10) {
                throw new IllegalArgumentException("the parallelization factor of " + streamArn + " must be 1 to 10, not "
                        + parallelizationFactor);
            }
        }
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

    /**
     * Event source mappings; {@code checkpoints} is where stream pollers keep their place (null: in memory only);
     * {@code queuePollers}: the batches of one queue in flight at once (1; Lambda starts an SQS mapping with five).
     */
    public record Esm(boolean enabled, int waitTimeSeconds, Duration functionTimeout, Path checkpoints, int queuePollers) {
        public Esm {
            if (queuePollers < 1) {
                throw new IllegalArgumentException("ESM_QUEUE_POLLERS must be at least 1");
            }
        }
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

    /** A test's variables over application.yaml, read as {@link #from(EnvConfig)} reads the process's. */
    public static EdgeConfig from(Map<String, String> env) {
        return from(EnvConfig.of(env));
    }

    /**
     * Every setting, read once: the environment variable when set, else the {@code edge.*} or {@code aws.*} key of
     * application.yaml (the kit's configuration style, as in every service).
     */
    public static EdgeConfig from(EnvConfig env) {
        JsonNode outputs = env.optional("EDGE_TERRAFORM_OUTPUTS", "edge.terraform-outputs")
                .map(EdgeConfig::terraformOutputs).orElseGet(Json::object);
        String issuer = env.required("JWT_ISSUER", "edge.jwt.issuer");
        String discovery = env.optional("JWT_DISCOVERY_URL", "edge.jwt.discovery-url")
                .orElse(stripSlash(issuer) + "/.well-known/openid-configuration");
        Set<String> corsOrigins = new LinkedHashSet<>(list(env, "CORS_ALLOWED_ORIGINS", "edge.cors.allowed-origins"));
        return new EdgeConfig(
                routes(output(outputs, "http_routes")),
                routes(output(outputs, "websocket_routes")),
                mappings(output(outputs, "event_source_mappings")),
                streamMappings(output(outputs, "stream_event_source_mappings"),
                               env.optional("ESM_STREAM_PARALLELIZATION_FACTOR", "edge.esm.stream-parallelization-factor")
                                       .map(factor -> whole("ESM_STREAM_PARALLELIZATION_FACTOR", factor))),
                serviceUrls(list(env, "SERVICE_URLS", "edge.service-urls")),
                new Jwt(issuer, list(env, "JWT_AUDIENCE", "edge.jwt.audience"), URI.create(discovery),
                        env.optional("JWT_JWKS_URL", "edge.jwt.jwks-url").map(URI::create).orElse(null)),
                new Throttle(decimal(env, "THROTTLE_RATE_LIMIT", "edge.throttle.rate-limit"),
                             env.integer("THROTTLE_BURST_LIMIT", "edge.throttle.burst-limit")),
                new Cors(corsOrigins,
                         env.flag("CORS_ALLOW_CREDENTIALS", "edge.cors.allow-credentials"),
                         list(env, "CORS_ALLOWED_METHODS", "edge.cors.allowed-methods"),
                         list(env, "CORS_ALLOWED_HEADERS", "edge.cors.allowed-headers"),
                         list(env, "CORS_EXPOSE_HEADERS", "edge.cors.expose-headers"),
                         env.integer("CORS_MAX_AGE", "edge.cors.max-age")),
                new WebSocket(env.required("WS_PATH", "edge.websocket.path"),
                              env.required("WS_STAGE", "edge.websocket.stage"),
                              env.required("API_ID", "edge.websocket.api-id"),
                              env.seconds("WS_IDLE_TIMEOUT_SECONDS", "edge.websocket.idle-timeout-seconds"),
                              env.seconds("WS_MAX_CONNECTION_SECONDS", "edge.websocket.max-connection-seconds"),
                              32 * 1024,
                              128 * 1024,
                              webSocketOrigins(corsOrigins, env.optional("SERVER_PORT", "server.port").orElse(null))),
                env.seconds("INTEGRATION_TIMEOUT_SECONDS", "edge.integration-timeout-seconds"),
                new Aws(env.optional("AWS_ENDPOINT_URL", "aws.endpoint-url").map(URI::create).orElse(null),
                        env.required("AWS_REGION", "aws.region"),
                        env.required("AWS_ACCESS_KEY_ID", "aws.access-key-id"),
                        env.required("AWS_SECRET_ACCESS_KEY", "aws.secret-access-key")),
                new Esm(env.flag("ESM_ENABLED", "edge.esm.enabled"),
                        env.integer("ESM_WAIT_TIME_SECONDS", "edge.esm.wait-time-seconds"),
                        env.seconds("ESM_FUNCTION_TIMEOUT_SECONDS", "edge.esm.function-timeout-seconds"),
                        env.optional("ESM_CHECKPOINT_DIR", "edge.esm.checkpoint-dir").map(Path::of).orElse(null),
                        env.integer("ESM_QUEUE_POLLERS", "edge.esm.queue-pollers")),
                new Web(env.optional("WEB_BUCKET", "edge.web.bucket").orElse(null),
                        env.millis("WEB_CACHE_TTL_MILLIS", "edge.web.cache-ttl-millis"),
                        env.optional("ADMIN_BUCKET", "edge.web.admin-bucket").orElse(null),
                        env.integer("ADMIN_PORT", "edge.web.admin-port")),
                env.optional("EDGE_SECRET", "edge.secret").orElse(""));
    }

    private static JsonNode terraformOutputs(String file) {
        try {
            return Json.parse(Files.readAllBytes(Path.of(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read EDGE_TERRAFORM_OUTPUTS " + file, e);
        }
    }

    /** A comma-separated list in its written order (the CORS headers name them in that order). */
    private static List<String> list(EnvConfig env, String variable, String key) {
        return list(env.optional(variable, key).orElse(""));
    }

    private static double decimal(EnvConfig env, String variable, String key) {
        String value = env.required(variable, key);
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(variable + " must be a number, not '" + value + "'");
        }
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

    /**
     * The stream mappings; each one's parallelization factor is {@code factor} when set (ESM_STREAM_PARALLELIZATION_FACTOR),
     * else the mapping's own ({@code parallelization_factor}, what Lambda runs in AWS), else 1.
     */
    private static List<StreamMappingSpec> streamMappings(JsonNode list, Optional<Integer> factor) {
        List<StreamMappingSpec> mappings = new ArrayList<>();
        for (JsonNode m : list) {
            mappings.add(new StreamMappingSpec(m.path("stream_arn").asText(), m.path("service").asText(),
                                               m.path("batch_size").asInt(100), m.path("maximum_batching_window_seconds").asInt(0),
                                               m.path("maximum_retry_attempts").asInt(-1),
                                               m.path("bisect_batch_on_function_error").asBoolean(false),
                                               m.path("starting_position").asText("TRIM_HORIZON"),
                                               m.path("on_failure_queue_url").asText(null),
                                               factor.orElse(m.path("parallelization_factor").asInt(1))));
        }
        return List.copyOf(mappings);
    }

    private static int whole(String variable, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(variable + " must be a whole number, not '" + value + "'");
        }
    }

    private static Map<String, URI> serviceUrls(List<String> pairs) {
        Map<String, String> urls = new LinkedHashMap<>(DEFAULT_SERVICE_URLS);
        for (String pair : pairs) {
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
