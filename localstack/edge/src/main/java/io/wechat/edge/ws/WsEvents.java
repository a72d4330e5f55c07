package io.wechat.edge.ws;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import io.wechat.edge.Json;

/**
 * The event JSON API Gateway sends a WebSocket API's Lambda proxy integration for $connect (CONNECT), a message
 * route (MESSAGE) and $disconnect (DISCONNECT).
 */
final class WsEvents {
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final String stage;
    private final String apiId;

    WsEvents(String stage, String apiId) {
        this.stage = stage;
        this.apiId = apiId;
    }

    /**
     * The context a Lambda REQUEST authorizer returns, as API Gateway passes it on to every route of the connection:
     * {@code principalId} (the token's subject), {@code integrationLatency}, and the claims as flat values.
     */
    static ObjectNode authorizerContext(JWTClaimsSet claims) {
        ObjectNode context = Json.object();
        context.put("principalId", claims.getSubject());
        context.put("integrationLatency", 0);
        claims.getClaims().forEach((name, value) -> {
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
        });
        return context;
    }

    ObjectNode connect(Connection c, String requestId, Instant now) {
        ObjectNode event = Json.object();
        headers(event, c.headers);
        ObjectNode single = event.putObject("queryStringParameters");
        ObjectNode multi = event.putObject("multiValueQueryStringParameters");
        c.query.forEach((name, values) -> {
            single.put(name, values.getLast());
            ArrayNode array = multi.putArray(name);
            values.forEach(array::add);
        });
        event.set("requestContext", context(c, "$connect", "CONNECT", requestId, now));
        event.put("isBase64Encoded", false);
        return event;
    }

    ObjectNode message(Connection c, String routeKey, String requestId, String messageId, Instant now, byte[] body, boolean binary) {
        ObjectNode event = Json.object();
        ObjectNode context = context(c, routeKey, "MESSAGE", requestId, now);
        context.put("messageId", messageId);
        event.set("requestContext", context);
        event.put("body", binary ? Base64.getEncoder().encodeToString(body) : new String(body, java.nio.charset.StandardCharsets.UTF_8));
        event.put("isBase64Encoded", binary);
        return event;
    }

    ObjectNode disconnect(Connection c, String requestId, Instant now, int statusCode, String reason) {
        ObjectNode event = Json.object();
        headers(event, Map.of("Host", List.of(c.domainName), "x-api-key", List.of(""), "X-Forwarded-For", List.of(""),
                              "x-restapi", List.of("")));
        ObjectNode context = context(c, "$disconnect", "DISCONNECT", requestId, now);
        context.put("disconnectStatusCode", statusCode);
        context.put("disconnectReason", reason);
        event.set("requestContext", context);
        event.put("isBase64Encoded", false);
        return event;
    }

    private ObjectNode context(Connection c, String routeKey, String eventType, String requestId, Instant now) {
        ObjectNode context = Json.object()
                .put("routeKey", routeKey)
                .put("eventType", eventType)
                .put("extendedRequestId", requestId)
                .put("requestTime", REQUEST_TIME.format(now))
                .put("messageDirection", "IN")
                .put("stage", stage)
                .put("connectedAt", c.connectedAt.toEpochMilli())
                .put("requestTimeEpoch", now.toEpochMilli());
        context.putObject("identity").put("sourceIp", c.sourceIp).put("userAgent", c.userAgent);
        context.put("requestId", requestId)
                .put("domainName", c.domainName)
                .put("connectionId", c.id)
                .put("apiId", apiId);
        if (c.authorizer != null) {
            context.set("authorizer", c.authorizer.deepCopy());
        }
        return context;
    }

    private static void headers(ObjectNode event, Map<String, List<String>> headers) {
        ObjectNode single = event.putObject("headers");
        ObjectNode multi = event.putObject("multiValueHeaders");
        headers.forEach((name, values) -> {
            single.put(name, values.getLast());
            ArrayNode array = multi.putArray(name);
            values.forEach(array::add);
        });
    }
}
