package io.wechat.edge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    @Test
    void aStreamMappingRunsTheParallelizationFactorTerraformGivesItUnlessTheVariableSetsOne() throws Exception {
        Path outputs = Files.createTempFile("terraform-outputs", ".json");
        outputs.toFile().deleteOnExit();
        Files.writeString(outputs, """
                {"stream_event_source_mappings": {"value": [
                  {"stream_arn": "arn:messages", "service": "chat-service", "parallelization_factor": 10},
                  {"stream_arn": "arn:other", "service": "chat-service"}]}}""");
        String file = outputs.toString();
        assertEquals(List.of(10, 1), factors(EdgeConfig.from(Map.of("EDGE_TERRAFORM_OUTPUTS", file))));
        assertEquals(List.of(3, 3), factors(EdgeConfig.from(Map.of("EDGE_TERRAFORM_OUTPUTS", file,
                "ESM_STREAM_PARALLELIZATION_FACTOR", "3"))));
        assertThrows(IllegalArgumentException.class, () -> EdgeConfig.from(Map.of("EDGE_TERRAFORM_OUTPUTS", file,
                "ESM_STREAM_PARALLELIZATION_FACTOR", "11")));
    }

    private static List<Integer> factors(EdgeConfig config) {
        return config.streamMappings().stream().map(EdgeConfig.StreamMappingSpec::parallelizationFactor).toList();
    }

    @Test
    void defaultsComeFromApplicationYamlAndVariablesOverrideThem() {
        EdgeConfig defaults = EdgeConfig.from(Map.of());
        assertEquals(5000, defaults.throttle().burstLimit());
        assertEquals(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"), defaults.cors().allowMethods());
        assertEquals("us-east-1", defaults.aws().region());
        assertNull(defaults.aws().endpoint());
        assertNull(defaults.jwt().jwksUrl());
        assertEquals("http://localhost:8081/.well-known/openid-configuration", defaults.jwt().discoveryUrl().toString());
        assertTrue(defaults.esm().enabled());
        assertEquals(1, defaults.esm().queuePollers());
        assertEquals("", defaults.edgeSecret());

        EdgeConfig set = EdgeConfig.from(Map.of("THROTTLE_BURST_LIMIT", "7", "ESM_ENABLED", "false", "ESM_QUEUE_POLLERS", "2",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:4566", "SERVICE_URLS", "chat-service=http://127.0.0.1:9/"));
        assertEquals(7, set.throttle().burstLimit());
        assertFalse(set.esm().enabled());
        assertEquals(2, set.esm().queuePollers());
        assertEquals("http://127.0.0.1:4566", set.aws().endpoint().toString());
        assertEquals("http://127.0.0.1:9", set.serviceUrl("chat-service").toString());
    }

    @Test
    void aBadNumberStopsTheStartNamingItsVariable() {
        var e = assertThrows(IllegalStateException.class, () -> EdgeConfig.from(Map.of("CORS_MAX_AGE", "ten")));
        assertTrue(e.getMessage().contains("CORS_MAX_AGE"), e.getMessage());
    }
}
