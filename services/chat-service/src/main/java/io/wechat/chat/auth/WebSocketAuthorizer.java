package io.wechat.chat.auth;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import io.wechat.kit.auth.JwksSource;
import io.wechat.kit.auth.TokenVerifier;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;

/**
 * The Lambda REQUEST authorizer of the WebSocket API's {@code $connect} route (Terraform module {@code api}):
 * API Gateway invokes chat-service with {@code {"type":"REQUEST","methodArn":...,"queryStringParameters":
 * {"token":...},"headers":...,"requestContext":{"eventType":"CONNECT",...}}} (as {@code POST /events} under the
 * Lambda Web Adapter) and reads back an IAM policy.
 *
 * <p>A valid access token answers {@code principalId} = its subject, a policy allowing {@code execute-api:Invoke}
 * on the {@code methodArn}, and {@code context} = the token's claims as flat values (dates and numbers as epoch
 * seconds / integers, lists joined with commas, everything else as a string: API Gateway accepts only strings,
 * numbers and booleans there). API Gateway then hands every event of the connection
 * {@code requestContext.authorizer = {principalId, integrationLatency, <context>}}: the same object the local
 * edge builds with its built-in authorizer (localstack/edge {@code WsEvents.authorizerContext}), so the CONNECT
 * event looks alike in both worlds.
 *
 * <p>A missing or invalid token answers a Deny policy (API Gateway refuses the handshake with 403; the local
 * edge, whose authorizer is built in, answers 401). Under the Lambda Web Adapter a function cannot raise the
 * {@code "Unauthorized"} error that would make API Gateway answer 401. Keys that cannot be fetched are not the
 * client's fault: 503, which API Gateway turns into a 500 for the client to retry.
 */
public final class WebSocketAuthorizer {
    /** The principal named in a Deny answer (API Gateway requires one). */
    public static final String ANONYMOUS = "anonymous";
    private final TokenVerifier verifier;

    public WebSocketAuthorizer(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * Whether {@code event} is a REQUEST authorizer event. Checked before the WebSocket route events: it carries
     * {@code requestContext.eventType = CONNECT} as well.
     */
    public static boolean isAuthorizerEvent(JsonNode event) {
        return "REQUEST".equals(event.path("type").asText(null)) && event.path("methodArn").isTextual();
    }

    /** The authorizer's answer: Allow with the claims, or Deny. */
    public ObjectNode authorize(JsonNode event) {
        String methodArn = event.path("methodArn").asText("");
        if (!methodArn.startsWith("arn:")) {
            throw ApiException.badRequest("invalid_event", "A REQUEST authorizer event needs a methodArn");
        }
        Optional<JWTClaimsSet> claims;
        try {
            claims = verifier.claims(token(event));
        } catch (JwksSource.KeysUnavailableException e) {
            throw ApiException.unavailable("auth_unavailable", "Token keys cannot be fetched, retry later");
        }
        if (claims.isEmpty()) {
            return policy(ANONYMOUS, "Deny", methodArn, null);
        }
        return policy(claims.get().getSubject(), "Allow", methodArn, context(claims.get()));
    }

    /** The {@code token} query parameter (the authorizer's identity source), also from the multi-value form. */
    private static String token(JsonNode event) {
        JsonNode single = event.path("queryStringParameters").path("token");
        if (single.isTextual()) {
            return single.asText();
        }
        JsonNode multi = event.path("multiValueQueryStringParameters").path("token");
        return multi.isArray() && !multi.isEmpty() && multi.get(0).isTextual() ? multi.get(0).asText() : null;
    }

    /** The claims as flat values, converted exactly as the local edge converts them. */
    static ObjectNode context(JWTClaimsSet claims) {
        ObjectNode context = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, Object> claim : claims.getClaims().entrySet()) {
            String name = claim.getKey();
            Object value = claim.getValue();
            if (value == null) {
                continue;
            }
            if (value instanceof Date date) {
                context.put(name, date.toInstant().getEpochSecond());
            } else if (value instanceof Number number) {
                context.put(name, number.longValue());
            } else if (value instanceof Boolean bool) {
                context.put(name, bool);
            } else if (value instanceof List<?> list) {
                context.put(name, String.join(",", list.stream().map(String::valueOf).toList()));
            } else {
                context.put(name, String.valueOf(value));
            }
        }
        return context;
    }

    private static ObjectNode policy(String principalId, String effect, String methodArn, ObjectNode context) {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("principalId", principalId);
        ObjectNode document = answer.putObject("policyDocument");
        document.put("Version", "2012-10-17");
        ObjectNode statement = document.putArray("Statement").addObject();
        statement.put("Action", "execute-api:Invoke");
        statement.put("Effect", effect);
        statement.put("Resource", methodArn);
        if (context != null) {
            answer.set("context", context);
        }
        return answer;
    }
}
