package io.wechat.notification.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.web.Json;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class PushPayloadsTest {

    private static JsonNode platform(JsonNode structure, String key) {
        assertThat(key + " must be a JSON string", structure.path(key).isTextual(), is(true));
        return Json.tree(structure.path(key).asText().getBytes());
    }

    @Test
    void theStructureHasADefaultAndAJsonStringPerPlatform() {
        JsonNode structure = Json.tree(PushPayloads.snsMessage("Alice", "Hi", "c-1", "m-1").getBytes());
        assertThat(structure.path("default").asText(), is("Hi"));

        JsonNode apns = platform(structure, "APNS");
        assertThat(apns.path("aps").path("alert").path("title").asText(), is("Alice"));
        assertThat(apns.path("aps").path("alert").path("body").asText(), is("Hi"));
        assertThat(apns.path("aps").path("thread-id").asText(), is("c-1"));
        assertThat(apns.path("messageId").asText(), is("m-1"));
        assertThat(platform(structure, "APNS_SANDBOX"), is(apns));

        JsonNode fcm = platform(structure, "GCM").path("fcmV1Message").path("message");
        assertThat(fcm.path("notification").path("title").asText(), is("Alice"));
        assertThat(fcm.path("notification").path("body").asText(), is("Hi"));
        assertThat(fcm.path("data").path("conversationId").asText(), is("c-1"));
        assertThat(fcm.path("android").path("priority").asText(), is("high"));
        assertThat(fcm.path("android").path("collapse_key").asText(), is("m-1"));
        assertThat(fcm.path("android").path("notification").path("tag").asText(), is("m-1"));
    }

    @Test
    void withoutATitleOnlyTheBodyIsSent() {
        JsonNode structure = Json.tree(PushPayloads.snsMessage(null, "New message", "c-1", "m-1").getBytes());
        assertThat(platform(structure, "APNS").path("aps").path("alert").has("title"), is(false));
        assertThat(platform(structure, "GCM").path("fcmV1Message").path("message").path("notification").has("title"), is(false));
    }
}
