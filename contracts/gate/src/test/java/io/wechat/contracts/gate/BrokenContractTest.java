package io.wechat.contracts.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokenContractTest {
    @TempDir
    Path dir;

    @Test
    void renamesTheDeepestFieldOfTheFirstInteractionWithABody() throws IOException {
        PactFile pact = pact("""
                {"consumer": {"name": "chat-service"}, "provider": {"name": "user-service"},
                 "interactions": [
                   {"type": "Synchronous/HTTP", "description": "a request for unknown user u-404",
                    "request": {"method": "GET", "path": "/users/u-404"}, "response": {"status": 404}},
                   {"type": "Asynchronous/Messages", "description": "a user.blocked event",
                    "contents": {"content": {"eventId": "e-1", "type": "user.blocked",
                                             "payload": {"blockerId": "u-1", "blockedId": "u-2"}}}}]}""");

        BrokenContract broken = BrokenContract.of(pact).orElseThrow();

        assertEquals("a user.blocked event", broken.interaction());
        assertEquals("$.payload.blockerId", broken.field());
        assertEquals("blockerIdRenamed", broken.renamedTo());
        assertEquals(1, broken.json().path("interactions").size());
        var payload = broken.json().path("interactions").get(0).path("contents").path("content").path("payload");
        assertEquals("[\"blockerIdRenamed\",\"blockedId\"]", PactFile.JSON.valueToTree(
                iterable(payload.fieldNames())).toString());
        assertTrue(pact.json().path("interactions").get(1).path("contents").path("content").path("payload").has("blockerId"),
                "the original pact is left alone");
    }

    @Test
    void changesTheStatusWhenNoInteractionHasABody() throws IOException {
        PactFile pact = pact("""
                {"consumer": {"name": "media-service"}, "provider": {"name": "chat-service"},
                 "interactions": [{"type": "Synchronous/HTTP", "description": "a request by a non-member",
                                   "request": {"method": "GET", "path": "/conversations/c-1"},
                                   "response": {"status": 404}}]}""");

        BrokenContract broken = BrokenContract.of(pact).orElseThrow();

        assertEquals("status", broken.field());
        assertEquals(418, broken.json().path("interactions").get(0).path("response").path("status").asInt());
        assertTrue(broken.explainedBy("{\"result\":\"failed\",\"status\":[\"expected status of 418 but was 404\"]}"));
    }

    @Test
    void isExplainedOnlyByAMismatchOnTheRenamedField() throws IOException {
        BrokenContract broken = BrokenContract.of(pact("""
                {"consumer": {"name": "c"}, "provider": {"name": "p"},
                 "interactions": [{"description": "d", "contents": {"content": {"mediaId": "m-1"}}}]}""")).orElseThrow();

        assertTrue(broken.explainedBy("{\"body\":{\"$\":[{\"mismatch\":\"Expected mediaIdRenamed=\\\"m-1\\\" but was missing\"}]}}"));
        assertFalse(broken.explainedBy("{\"exception\":{\"message\":\"Connection refused\"}}"));
    }

    private PactFile pact(String json) throws IOException {
        Path file = dir.resolve("c-p.json");
        Files.writeString(file, json);
        return PactFile.read(file);
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
