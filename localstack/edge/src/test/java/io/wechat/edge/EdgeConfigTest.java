package io.wechat.edge;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdgeConfigTest {

    @Test
    void webSocketHandshakesAreAcceptedFromTheCorsOriginsAndTheEdgesOwn() {
        EdgeConfig config = EdgeConfig.from(Map.of("CORS_ALLOWED_ORIGINS", "http://localhost:5173", "SERVER_PORT", "8080"));
        assertEquals(Set.of("http://localhost:5173", "http://localhost:8080", "http://127.0.0.1:8080"), config.webSocket().origins());
    }

    @Test
    void withoutCorsOriginsOnlyTheHostsOwnAuthorityIsAccepted() {
        assertEquals(Set.of(), EdgeConfig.from(Map.of("SERVER_PORT", "8080")).webSocket().origins());
    }

    @Test
    void theStaticSiteIsOnWhenABucketIsNamed() {
        assertFalse(EdgeConfig.from(Map.of()).web().enabled());
        EdgeConfig config = EdgeConfig.from(Map.of("WEB_BUCKET", "wechat-local-static", "WEB_CACHE_TTL_MILLIS", "500"));
        assertTrue(config.web().enabled());
        assertEquals(500, config.web().cacheTtl().toMillis());
    }

    @Test
    void theAdminSiteIsOnWhenItsBucketIsNamedOnAPortOfItsOwn() {
        assertFalse(EdgeConfig.from(Map.of("WEB_BUCKET", "wechat-local-static")).web().adminEnabled());
        EdgeConfig config = EdgeConfig.from(Map.of("ADMIN_BUCKET", "wechat-local-admin"));
        assertTrue(config.web().adminEnabled());
        assertEquals(8090, config.web().adminPort());
        assertEquals(23090, EdgeConfig.from(Map.of("ADMIN_BUCKET", "b", "ADMIN_PORT", "23090")).web().adminPort());
    }
}
