package io.wechat.edge;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Test fixture standing in for the services behind the edge: a token issuer (discovery document, JWKS, tokens),
 * an integration's POST /events that records what it receives, and an echo for every other path.
 */
final class Upstream implements AutoCloseable {
    static final String ISSUER = "http://issuer.test";
    static final String AUDIENCE = "wechat-app";
    /** What the upstream answers a path ending in /throttled with: 429 and this Retry-After. */
    static final String RETRY_AFTER = "7";

    /** A request the upstream received. */
    record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    /** What POST /events answers: status and body. */
    record Answer(int status, String body) {
    }

    final BlockingQueue<Received> requests = new LinkedBlockingQueue<>();
    final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    final AtomicInteger eventCalls = new AtomicInteger();
    volatile Function<JsonNode, Answer> eventAnswer = event -> new Answer(200, "");
    /** The X-Edge-Secret of the last POST /events ("" without one). */
    volatile String lastEventSecret = "";
    /** How long the JWKS takes to answer: a slow issuer widens the window of a key fetch. */
    volatile Duration jwksDelay = Duration.ZERO;
    final AtomicInteger jwksFetches = new AtomicInteger();
    private final RSAKey key;
    private final WebServer server;

    Upstream() throws Exception {
        key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(r -> r
                        .get("/.well-known/openid-configuration", this::discovery)
                        .get("/.well-known/jwks.json", (req, res) -> {
                            jwksFetches.incrementAndGet();
                            Thread.sleep(jwksDelay.toMillis());
                            res.header("Content-Type", "application/json").send(new JWKSet(key.toPublicJWK()).toString());
                        })
                        .post("/events", this::event)
                        .any(this::echo))
                .build()
                .start();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    Map<String, String> edgeEnvironment(String outputsFile) {
        return Map.of("EDGE_TERRAFORM_OUTPUTS", outputsFile,
                      "SERVICE_URLS", "user-service=" + url() + ",chat-service=" + url() + ",notification-service=" + url(),
                      "JWT_ISSUER", ISSUER,
                      "JWT_AUDIENCE", AUDIENCE,
                      "JWT_DISCOVERY_URL", url() + "/.well-known/openid-configuration");
    }

    String token(String subject) throws Exception {
        return token(subject, ISSUER, AUDIENCE, new Date(System.currentTimeMillis() + 600_000));
    }

    String token(String subject, String issuer, String audience, Date expires) throws Exception {
        return token(subject, issuer, audience, expires, null);
    }

    /** A token with this {@code scope} claim (none when null), as user-service issues them. */
    String tokenWithScope(String subject, String scope) throws Exception {
        return token(subject, ISSUER, AUDIENCE, new Date(System.currentTimeMillis() + 600_000), scope);
    }

    private String token(String subject, String issuer, String audience, Date expires, String scope) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject).issuer(issuer).audience(audience).expirationTime(expires)
                .issueTime(new Date(System.currentTimeMillis() - 1000)).jwtID(UUID.randomUUID().toString())
                .claim("scope", scope)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                                              .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    JsonNode nextEvent() throws InterruptedException {
        JsonNode event = events.poll(5, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event reached POST /events within 5 s");
        }
        return event;
    }

    Received nextRequest() throws InterruptedException {
        Received r = requests.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request reached the upstream within 5 s");
        }
        return r;
    }

    private void discovery(ServerRequest req, ServerResponse res) {
        res.header("Content-Type", "application/json")
                .send(Json.write(Json.object().put("issuer", ISSUER).put("jwks_uri", url() + "/.well-known/jwks.json")));
    }

    private void event(ServerRequest req, ServerResponse res) {
        JsonNode event = Json.parse(req.content().as(String.class));
        lastEventSecret = req.headers().first(io.helidon.http.HeaderNames.create("X-Edge-Secret")).orElse("");
        eventCalls.incrementAndGet();
        Answer answer = eventAnswer.apply(event);
        events.add(event);
        res.status(Status.create(answer.status()));
        if (answer.body().isEmpty()) {
            res.send();
        } else {
            res.header("Content-Type", "application/json").send(answer.body());
        }
    }

    private void echo(ServerRequest req, ServerResponse res) {
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        req.headers().forEach(h -> headers.put(h.name(), h.allValues()));
        String body = req.content().hasEntity() ? new String(req.content().as(byte[].class), StandardCharsets.UTF_8) : "";
        requests.add(new Received(req.prologue().method().text(), req.path().rawPath(), req.query().rawValue(), headers, body));
        ObjectNode echo = Json.object().put("method", req.prologue().method().text()).put("path", req.path().rawPath())
                .put("bodyLength", body.length());
        res.header("Content-Type", "application/json")
                .header("Access-Control-Allow-Origin", "*")
                .header("X-Upstream", "yes")
                .status(req.path().rawPath().endsWith("/created") ? Status.CREATED_201 : Status.OK_200);
        if (req.path().rawPath().endsWith("/throttled")) {
            res.status(Status.TOO_MANY_REQUESTS_429).header("Retry-After", RETRY_AFTER);
        }
        res.send(Json.write(echo));
    }

    @Override
    public void close() {
        server.stop();
    }
}
