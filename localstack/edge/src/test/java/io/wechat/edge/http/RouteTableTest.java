package io.wechat.edge.http;

import java.util.List;
import java.util.Map;

import io.wechat.edge.EdgeConfig.RouteSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTableTest {
    private static RouteSpec spec(String key) {
        return new RouteSpec(key, "svc", "NONE", false);
    }

    private static String key(RouteTable table, String method, String path) {
        return table.match(method, path).map(m -> m.spec().routeKey()).orElse("none");
    }

    @Test
    void matchesExactPathsAndMethods() {
        RouteTable table = new RouteTable(List.of(spec("POST /auth/login"), spec("GET /users/me")));
        assertEquals("POST /auth/login", key(table, "POST", "/auth/login"));
        assertEquals("none", key(table, "GET", "/auth/login"));
        assertEquals("none", key(table, "POST", "/auth/login/extra"));
        assertEquals("none", key(table, "POST", "/auth"));
    }

    @Test
    void bindsPathParameters() {
        RouteTable table = new RouteTable(List.of(spec("DELETE /conversations/{id}/members/{userId}")));
        RouteTable.Match match = table.match("DELETE", "/conversations/c1/members/u2").orElseThrow();
        assertEquals(Map.of("id", "c1", "userId", "u2"), match.pathParameters());
        assertEquals("none", key(table, "DELETE", "/conversations//members/u2"));
    }

    @Test
    void prefersLiteralsOverParametersOverGreedyOverAny() {
        RouteTable table = new RouteTable(List.of(spec("ANY /users/{proxy+}"), spec("GET /users/{userId}"),
                                                  spec("GET /users/me"), spec("ANY /users/{userId}"), spec("$default")));
        assertEquals("GET /users/me", key(table, "GET", "/users/me"));
        assertEquals("GET /users/{userId}", key(table, "GET", "/users/u1"));
        assertEquals("ANY /users/{userId}", key(table, "PATCH", "/users/u1"));
        assertEquals("ANY /users/{proxy+}", key(table, "GET", "/users/u1/avatar"));
        assertEquals("$default", key(table, "GET", "/users"));
        assertEquals("$default", key(table, "GET", "/elsewhere"));
    }

    @Test
    void greedyVariableNeedsAtLeastOneSegment() {
        RouteTable table = new RouteTable(List.of(spec("GET /media/{proxy+}")));
        assertEquals("/a/b", "/" + table.match("GET", "/media/a/b").orElseThrow().pathParameters().get("proxy"));
        assertTrue(table.match("GET", "/media").isEmpty());
    }

    @Test
    void refusesMalformedKeys() {
        assertThrows(IllegalArgumentException.class, () -> new RouteTable(List.of(spec("GET users"))));
        assertThrows(IllegalArgumentException.class, () -> new RouteTable(List.of(spec("GET /{proxy+}/x"))));
    }
}
