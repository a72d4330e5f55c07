package io.wechat.user.events;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.testing.Api;
import io.wechat.user.testing.TestService;
import io.wechat.user.testing.TestUser;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class EventsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final TestService service = TestService.get();
    private final Api api = service.api();

    @Test
    void registrationPublishesUserRegisteredInTheEnvelope() {
        TestUser user = TestUser.register(api, "evreg");

        JsonNode event = service.awaitEvent(e -> e.path("type").asText().equals("user.registered")
                && e.path("payload").path("userId").asText().equals(user.id().toString()), WAIT);

        String eventId = event.path("eventId").asText();
        assertThat(eventId, is(UUID.fromString(eventId).toString()));
        assertThat(event.path("version").asInt(), is(1));
        assertThat(event.path("occurredAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), is(true));
        assertThat(event.path("_typeAttribute").asText(), is("user.registered"));
        assertThat(event.path("payload").path("username").asText(), is(user.username()));
        assertThat(event.path("payload").path("displayName").asText(), is(user.displayName()));
        assertThat(outboxState(event), is("published"));
    }

    @Test
    void profileChangePublishesTheWholeProfile() {
        TestUser user = TestUser.register(api, "evprof");
        api.patch("/users/me", user.accessToken(), "{\"statusMessage\":\"hello\"}");

        JsonNode event = service.awaitEvent(e -> e.path("type").asText().equals("user.profile-updated")
                && e.path("payload").path("userId").asText().equals(user.id().toString()), WAIT);

        JsonNode payload = event.path("payload");
        assertThat(payload.path("username").asText(), is(user.username()));
        assertThat(payload.path("displayName").asText(), is(user.displayName()));
        assertThat(payload.path("statusMessage").asText(), is("hello"));
        assertThat(payload.has("avatarMediaId") && payload.path("avatarMediaId").isNull(), is(true));
    }

    @Test
    void blockAndUnblockArePublishedOnce() {
        TestUser blocker = TestUser.register(api, "evblk");
        TestUser blocked = TestUser.register(api, "evbld");
        api.post("/blocks/" + blocked.id(), blocker.accessToken(), null);
        api.delete("/blocks/" + blocked.id(), blocker.accessToken());

        for (String type : new String[] {"user.blocked", "user.unblocked"}) {
            JsonNode event = service.awaitEvent(e -> e.path("type").asText().equals(type)
                    && e.path("payload").path("blockerId").asText().equals(blocker.id().toString()), WAIT);
            assertThat(event.path("payload").path("blockedId").asText(), is(blocked.id().toString()));
            assertThat(event.path("_typeAttribute").asText(), is(type));
        }
        long rows = service.jdbi().withHandle(h -> h.createQuery(
                        "select count(*) from outbox where type in ('user.blocked', 'user.unblocked') "
                                + "and body like :blocker")
                .bind("blocker", "%" + blocker.id() + "%")
                .mapTo(Long.class).one());
        assertThat(rows, is(2L));
    }

    @Test
    void relayPublishesEventsLeftBehindByAFailedPublication() {
        Outbox brokenSns = new Outbox(service.jdbi(), (type, body) -> {
            throw new IllegalStateException("SNS unreachable");
        });
        Transactor transactor = new Transactor(service.jdbi(), brokenSns, Clock.systemUTC());
        UUID blocker = UUID.randomUUID();
        transactor.inTransaction(tx -> {
            tx.emit(UserEvents.blocked(blocker, UUID.randomUUID()));
            return blocker;
        });
        String state = service.jdbi().withHandle(h -> h.createQuery(
                        "select published_at is null from outbox where body like :id")
                .bind("id", "%" + blocker + "%").mapTo(Boolean.class).one()) ? "pending" : "published";
        assertThat(state, is("pending"));

        int published = service.deps().outbox().relayPending(Duration.ZERO, 500);

        assertThat(published >= 1, is(true));
        JsonNode event = service.awaitEvent(e -> e.path("payload").path("blockerId").asText()
                .equals(blocker.toString()), WAIT);
        assertThat(outboxState(event), is("published"));
    }

    private String outboxState(JsonNode event) {
        return service.jdbi().withHandle(h -> h.createQuery("select published_at is not null from outbox where id = :id")
                        .bind("id", UUID.fromString(event.path("eventId").asText()))
                        .mapTo(Boolean.class)
                        .findOne()
                        .map(published -> published ? "published" : "pending")
                        .orElse("missing"));
    }
}
