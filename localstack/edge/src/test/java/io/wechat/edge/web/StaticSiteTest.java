package io.wechat.edge.web;

import java.util.List;
import java.util.Set;

import io.wechat.edge.EdgeConfig.RouteSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CloudFront's default behaviour: which requests reach the bucket, which key they read, and the headers. */
class StaticSiteTest {
    private static final String PAGE = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private final StaticSite site = new StaticSite(null, List.of(
            new RouteSpec("POST /auth/login", "user-service", "NONE", false),
            new RouteSpec("GET /users/{userId}", "user-service", "JWT", false),
            new RouteSpec("GET /.well-known/jwks.json", "user-service", "NONE", false),
            new RouteSpec("GET /presence", "chat-service", "JWT", false)), "/ws", null);

    @Test
    void apiPathPatternsAreTheRoutesFirstSegments() {
        assertEquals(Set.of("/auth", "/users", "/.well-known", "/presence"), StaticSite.apiPrefixes(List.of(
                new RouteSpec("POST /auth/login", "user-service", "NONE", false),
                new RouteSpec("GET /users/{userId}", "user-service", "JWT", false),
                new RouteSpec("GET /users", "user-service", "JWT", false),
                new RouteSpec("GET /.well-known/jwks.json", "user-service", "NONE", false),
                new RouteSpec("GET /presence", "chat-service", "JWT", false),
                new RouteSpec("$default", "chat-service", "NONE", false))));
    }

    @Test
    void theBucketAnswersGetAndHeadOffTheApiPathsOnly() {
        assertTrue(site.serves("GET", "/"));
        assertTrue(site.serves("HEAD", "/assets/index-3f2a1b.js"));
        assertTrue(site.serves("GET", "/chats/42"));
        assertFalse(site.serves("GET", "/users/me"), "an API path, even without a route, stays the API's");
        assertFalse(site.serves("GET", "/users"));
        assertFalse(site.serves("GET", "/presence"));
        assertFalse(site.serves("GET", "/.well-known/openid-configuration"));
        assertFalse(site.serves("GET", "/ws"), "the WebSocket path");
        assertFalse(site.serves("POST", "/"), "the default behaviour allows GET and HEAD only");
        assertFalse(site.serves("OPTIONS", "/"), "preflights stay with the API's CORS");
    }

    @Test
    void theRootIsTheDefaultRootObject() {
        assertEquals(new StaticSite.Lookup("index.html", true), StaticSite.lookup("/", PAGE));
    }

    @Test
    void aPageRequestForAPathWithoutExtensionIsAClientRoute() {
        assertEquals(new StaticSite.Lookup("chats/42", true), StaticSite.lookup("/chats/42", PAGE));
        assertFalse(StaticSite.lookup("/chats/42", "application/json").clientRoute(), "not a page request");
        assertFalse(StaticSite.lookup("/chats/42", null).clientRoute());
        assertFalse(StaticSite.lookup("/assets/missing.js", PAGE).clientRoute(), "a file keeps its 404");
    }

    @Test
    void keysAreDecodedPaths() {
        assertEquals("assets/a b.png", StaticSite.lookup("/assets/a%20b.png", "*/*").key());
        assertEquals("assets/a+b.png", StaticSite.lookup("/assets/a+b.png", "*/*").key());
    }

    @Test
    void hashedAssetsAreImmutableAndEverythingElseRevalidates() {
        assertEquals(StaticSite.IMMUTABLE, StaticSite.cacheControl("assets/index-3f2a1b.js", null));
        assertEquals(StaticSite.REVALIDATE, StaticSite.cacheControl("index.html", null));
        assertEquals(StaticSite.REVALIDATE, StaticSite.cacheControl("favicon.svg", ""));
        assertEquals("max-age=60", StaticSite.cacheControl("index.html", "max-age=60"), "the object's own metadata wins");
    }

    @Test
    void contentTypesComeFromTheObjectOrItsExtension() {
        assertEquals("text/html; charset=utf-8", StaticSite.contentType("index.html", "text/html; charset=utf-8"));
        assertEquals("text/javascript; charset=utf-8", StaticSite.contentType("assets/index-3f2a1b.js", "binary/octet-stream"));
        assertEquals("text/css; charset=utf-8", StaticSite.contentType("assets/index-3f2a1b.css", null));
        assertEquals("image/svg+xml", StaticSite.contentType("favicon.svg", ""));
        assertEquals("font/woff2", StaticSite.contentType("assets/Inter.WOFF2", null));
        assertEquals("application/octet-stream", StaticSite.contentType("LICENSE", null));
    }

    @Test
    void ifNoneMatchComparesEntityTags() {
        assertTrue(StaticSite.notModified("\"abc\"", "\"abc\""));
        assertTrue(StaticSite.notModified("\"x\", W/\"abc\"", "\"abc\""));
        assertTrue(StaticSite.notModified("*", "\"abc\""));
        assertFalse(StaticSite.notModified("\"abd\"", "\"abc\""));
        assertFalse(StaticSite.notModified(null, "\"abc\""));
    }
}
