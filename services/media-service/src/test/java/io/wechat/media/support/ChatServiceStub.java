package io.wechat.media.support;

import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jwt.SignedJWT;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;

/**
 * A stand-in for chat-service's {@code GET /conversations/{id}} as the pact describes it: 200 for members
 * (the caller is the token's subject; the signature was checked by media-service already), 404 otherwise.
 */
public final class ChatServiceStub implements AutoCloseable {
    private final Map<String, Set<String>> members = new ConcurrentHashMap<>();
    private final WebServer server;

    public ChatServiceStub() {
        server = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r
                .get("/conversations/{id}", (req, res) -> {
                    String id = req.path().pathParameters().get("id");
                    String caller = subject(req.headers().first(HeaderNames.AUTHORIZATION).orElse(""));
                    if (caller == null) {
                        res.status(Status.UNAUTHORIZED_401).send();
                    } else if (members.getOrDefault(id, Set.of()).contains(caller)) {
                        res.header(HeaderValues.CONTENT_TYPE_JSON).send("{\"conversationId\":\"" + id + "\"}");
                    } else {
                        res.status(Status.NOT_FOUND_404).header(HeaderValues.CONTENT_TYPE_JSON)
                                .send("{\"error\":{\"code\":\"conversation_not_found\",\"message\":\"No such conversation\"}}");
                    }
                })).build().start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public void addMembers(String conversationId, String... userIds) {
        members.computeIfAbsent(conversationId, id -> ConcurrentHashMap.newKeySet()).addAll(Set.of(userIds));
    }

    private static String subject(String authorization) {
        if (!authorization.startsWith("Bearer ")) {
            return null;
        }
        try {
            return SignedJWT.parse(authorization.substring(7)).getJWTClaimsSet().getSubject();
        } catch (ParseException e) {
            return null;
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
