package io.wechat.kit.events;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.wechat.kit.web.Json;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EventEnvelopeTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00.123Z"), ZoneOffset.UTC);

    @Test
    void roundTripsRawAndWrappedInAnSnsNotification() {
        EventEnvelope sent = EventEnvelope.of("message.sent", Map.of("messageId", "m-1"), CLOCK);
        assertThat(sent.version(), is(1));
        assertThat(sent.occurredAt(), is("2026-12-01T10:00:00.123Z"));
        assertThat(EventEnvelope.parse(sent.toJson()), is(sent));
        String notification = Json.write(Map.of("Type", "Notification", "Message", sent.toJson()));
        assertThat(EventEnvelope.parse(notification).payload().path("messageId").asText(), is("m-1"));
    }

    @Test
    void anythingElseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> EventEnvelope.parse("not json"));
        assertThrows(IllegalArgumentException.class, () -> EventEnvelope.parse("{\"type\":\"x\"}"));
        assertThrows(IllegalArgumentException.class, () -> EventEnvelope.parse("[]"));
    }
}
