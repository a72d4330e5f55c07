package io.wechat.chat.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import io.wechat.chat.realtime.WebSocketRoutes;
import io.wechat.chat.support.TestIdentity;
import io.wechat.kit.auth.JwksSource;
import io.wechat.kit.auth.TokenVerifier;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The $connect REQUEST authorizer: API Gateway's event in, its policy answer out. */
class WebSocketAuthorizerTest {
    private static final String METHOD_ARN = "arn:aws:execute-api:us-east-1:123456789012:abcdef123/live/$connect";
    private static TestIdentity identity;
    private static WebSocketAuthorizer authorizer;

    @BeforeAll
    static void start() throws Exception {
        identity = new TestIdentity();
        // The first request to a just-started server loads the classes of both ends: under PIT's coverage agent on a
        // busy machine that can outlast the key fetch's 5 s timeout, and the verifier then answers 503 and fetches
        // again only 10 s later. These tests are about the authorizer's answers, so the issuer serves one request first.
        HttpResponse<Void> warm = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(identity.jwksUrl())).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(warm.statusCode(), is(200));
        var keys = JwksSource.fromJwksUrl(URI.create(identity.jwksUrl()), Duration.ofHours(1),
                Duration.ofSeconds(10), Clock.systemUTC());
        authorizer = new WebSocketAuthorizer(new TokenVerifier(keys, TestIdentity.ISSUER, TestIdentity.AUDIENCE, Clock.systemUTC()));
    }

    @AfterAll
    static void stop() {
        identity.close();
    }

    /** The event as the API Gateway developer guide shows it for a WebSocket REQUEST authorizer. */
    static JsonNode event(String token) {
        String query = token == null ? "{}" : "{\"token\":" + Json.write(token) + "}";
        String multi = token == null ? "{}" : "{\"token\":[" + Json.write(token) + "]}";
        return Json.tree(("{\"type\":\"REQUEST\",\"methodArn\":\"" + METHOD_ARN + "\","
                + "\"headers\":{\"Connection\":\"upgrade\",\"Host\":\"abcdef123.execute-api.us-east-1.amazonaws.com\","
                + "\"Sec-WebSocket-Version\":\"13\",\"Upgrade\":\"websocket\"},"
                + "\"multiValueHeaders\":{\"Connection\":[\"upgrade\"]},"
                + "\"queryStringParameters\":" + query + ",\"multiValueQueryStringParameters\":" + multi + ","
                + "\"stageVariables\":{},\"requestContext\":{\"routeKey\":\"$connect\",\"eventType\":\"CONNECT\","
                + "\"extendedRequestId\":\"x\",\"requestTime\":\"19/Jan/2023:21:13:26 +0000\",\"messageDirection\":\"IN\","
                + "\"stage\":\"live\",\"connectedAt\":1674162806344,\"requestTimeEpoch\":1674162806345,"
                + "\"identity\":{\"sourceIp\":\"203.0.113.1\"},\"requestId\":\"r\",\"domainName\":\"abcdef123.execute-api.us-east-1.amazonaws.com\","
                + "\"connectionId\":\"abc=\",\"apiId\":\"abcdef123\"}}").getBytes());
    }

    @Test
    void recognisesTheAuthorizerEventBeforeTheConnectEventItResembles() {
        assertThat(WebSocketAuthorizer.isAuthorizerEvent(event("t")), is(true));
        assertThat(WebSocketAuthorizer.isAuthorizerEvent(Json.tree(
                "{\"requestContext\":{\"eventType\":\"CONNECT\",\"connectionId\":\"c\"}}".getBytes())), is(false));
        assertThat(WebSocketAuthorizer.isAuthorizerEvent(Json.tree("{\"Records\":[]}".getBytes())), is(false));
    }

    @Test
    void aValidTokenIsAllowedOnTheMethodArnWithItsClaimsAsContext() {
        String token = identity.token("u-1");
        JsonNode answer = authorizer.authorize(event(token));
        assertThat(answer.toString(), answer.path("principalId").asText(), is("u-1"));
        JsonNode statement = answer.path("policyDocument").path("Statement").get(0);
        assertThat(answer.path("policyDocument").path("Version").asText(), is("2012-10-17"));
        assertThat(statement.path("Action").asText(), is("execute-api:Invoke"));
        assertThat(statement.path("Effect").asText(), is("Allow"));
        assertThat(statement.path("Resource").asText(), is(METHOD_ARN));
        JsonNode context = answer.path("context");
        assertThat(context.path("sub").asText(), is("u-1"));
        assertThat(context.path("iss").asText(), is(TestIdentity.ISSUER));
        assertThat(context.path("aud").asText(), is(TestIdentity.AUDIENCE));
        assertThat(context.path("exp").isIntegralNumber(), is(true));
        assertThat(context.path("iat").isIntegralNumber(), is(true));
        assertThat(context.path("jti").isTextual(), is(true));
        context.fields().forEachRemaining(field -> assertThat("context values are flat: " + field.getKey(),
                field.getValue().isValueNode(), is(true)));
    }

    @Test
    void theTokenAlsoComesFromTheMultiValueQuery() {
        JsonNode event = event(identity.token("u-2"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) event).putObject("queryStringParameters");
        assertThat(authorizer.authorize(event).path("principalId").asText(), is("u-2"));
    }

    @Test
    void missingExpiredOrForeignTokensAreDenied() {
        List<String> bad = List.of("garbage",
                identity.token("u-1", TestIdentity.ISSUER, TestIdentity.AUDIENCE, Instant.now().minusSeconds(120)),
                identity.token("u-1", TestIdentity.ISSUER, "other-app", Instant.now().plusSeconds(600)));
        for (JsonNode event : List.of(event(null), event(bad.get(0)), event(bad.get(1)), event(bad.get(2)))) {
            JsonNode answer = authorizer.authorize(event);
            assertThat(answer.toString(), answer.path("principalId").asText(), is(WebSocketAuthorizer.ANONYMOUS));
            JsonNode statement = answer.path("policyDocument").path("Statement").get(0);
            assertThat(statement.path("Effect").asText(), is("Deny"));
            assertThat(statement.path("Resource").asText(), is(METHOD_ARN));
            assertThat(answer.has("context"), is(false));
        }
    }

    @Test
    void anEventWithoutAMethodArnIsRefused() {
        JsonNode event = Json.tree("{\"type\":\"REQUEST\",\"methodArn\":\"\"}".getBytes());
        assertThrows(ApiException.class, () -> authorizer.authorize(event));
    }

    /**
     * The context is what the local edge's built-in authorizer puts beside principalId (WsEvents.authorizerContext):
     * dates as epoch seconds, numbers as integers, lists joined with commas, the rest as strings.
     */
    @Test
    void claimsAreFlattenedAsTheLocalEdgeFlattensThem() {
        var claims = new JWTClaimsSet.Builder().subject("u-1").issuer("http://i").audience(List.of("a", "b"))
                .expirationTime(Date.from(Instant.ofEpochSecond(1_800_000_000L))).claim("n", 3.0).claim("admin", true)
                .claim("scope", "chat").build();
        JsonNode context = WebSocketAuthorizer.context(claims);
        assertThat(context.toString(), is("{\"sub\":\"u-1\",\"iss\":\"http://i\",\"aud\":\"a,b\","
                + "\"exp\":1800000000,\"n\":3,\"admin\":true,\"scope\":\"chat\"}"));
    }

    /** What API Gateway then hands the CONNECT event: principalId, integrationLatency and the context. */
    @Test
    void theConnectEventThatFollowsNamesThePrincipal() {
        JsonNode answer = authorizer.authorize(event(identity.token("u-3")));
        var authorizerContext = Json.MAPPER.createObjectNode();
        authorizerContext.put("principalId", answer.path("principalId").asText());
        authorizerContext.put("integrationLatency", 12);
        authorizerContext.setAll((com.fasterxml.jackson.databind.node.ObjectNode) answer.path("context"));
        var connect = Json.MAPPER.createObjectNode();
        var requestContext = connect.putObject("requestContext");
        requestContext.put("routeKey", "$connect").put("eventType", "CONNECT").put("connectionId", "abc=");
        requestContext.set("authorizer", authorizerContext);
        assertThat(WebSocketRoutes.WsEvent.parse(connect).orElseThrow().userId(), is("u-3"));
    }
}
