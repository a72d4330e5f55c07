package io.wechat.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.chat.support.ChatServiceFixture;
import io.wechat.kit.testing.Api;
import io.wechat.kit.testing.Api.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** A member's own settings of a conversation: pinned first, archived apart, and what a new message does to them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationSettingsIT {
    private ChatServiceFixture fixture;
    private Api api;

    private record User(String id, String token) {
    }

    @BeforeAll
    void start() {
        fixture = new ChatServiceFixture();
        api = fixture.api;
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private User user(String name) {
        String id = fixture.identity.newUser(name);
        return new User(id, fixture.identity.token(id));
    }

    private String direct(User from, User to) {
        Response created = api.post("/conversations", from.token(), Map.of("type", "direct", "memberIds", List.of(to.id())));
        assertThat(created.toString(), created.status(), is(201));
        fixture.clock.advance(Duration.ofMillis(5));
        return created.body().path("conversationId").asText();
    }

    /**
     * A message, and its record of the messages table's stream delivered as Lambda delivers it (this fixture runs no
     * edge): the members' lists move from the stream, not from the send.
     */
    private void send(User from, String conversationId) {
        fixture.clock.advance(Duration.ofMillis(5));
        Response sent = api.post("/conversations/" + conversationId + "/messages", from.token(),
                Map.of("clientMessageId", UUID.randomUUID().toString(), "type", "text", "text", "hi"));
        assertThat(sent.toString(), sent.status(), is(201));
        fixture.deliverFromStream(sent.body());
    }

    private Response settings(User user, String conversationId, Map<String, Object> body) {
        return api.put("/conversations/" + conversationId + "/settings", user.token(), body);
    }

    private List<String> listed(User user, String query) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/conversations?limit=2" + query + (cursor == null ? "" : "&cursor=" + cursor);
            Response page = api.get(path, user.token());
            assertThat(page.toString(), page.status(), is(200));
            page.body().path("items").forEach(item -> ids.add(item.path("conversationId").asText()));
            JsonNode next = page.body().path("nextCursor");
            cursor = next.isNull() || next.isMissingNode() ? null : next.asText();
        } while (cursor != null);
        return ids;
    }

    @Test
    void pinnedComeFirstArchivedOnlyOnAskAndANewMessageUnarchivesUnlessMuted() {
        User alice = user("Alice");
        User bob = user("Bob");
        User carol = user("Carol");
        User dave = user("Dave");
        String withBob = direct(alice, bob);
        String withCarol = direct(alice, carol);
        String withDave = direct(alice, dave);
        assertThat(listed(alice, ""), is(List.of(withDave, withCarol, withBob)));

        Response pinned = settings(alice, withBob, Map.of("pinned", true));
        assertThat(pinned.toString(), pinned.status(), is(200));
        assertThat(pinned.body().path("pinned").asBoolean(), is(true));
        assertThat(pinned.body().path("archived").asBoolean(), is(false));
        assertThat(listed(alice, ""), is(List.of(withBob, withDave, withCarol)));
        assertThat(listed(bob, ""), is(List.of(withBob)));

        assertThat(settings(alice, withCarol, Map.of("archived", true)).status(), is(200));
        assertThat(listed(alice, ""), is(List.of(withBob, withDave)));
        assertThat(listed(alice, "&archived=true"), is(List.of(withCarol)));
        // A new message brings it back, on top of the unpinned ones.
        send(carol, withCarol);
        assertThat(listed(alice, ""), is(List.of(withBob, withCarol, withDave)));

        // Muted and archived: it stays archived.
        assertThat(settings(alice, withDave, Map.of("archived", true, "muted", true)).status(), is(200));
        send(dave, withDave);
        assertThat(listed(alice, "&archived=true"), is(List.of(withDave)));
        JsonNode item = api.get("/conversations/" + withDave, alice.token()).body();
        assertThat(item.path("archived").asBoolean(), is(true));
        assertThat(item.path("muted").asBoolean(), is(true));

        assertThat(settings(alice, withBob, Map.of("pinned", false)).status(), is(200));
        assertThat(listed(alice, ""), is(List.of(withCarol, withBob)));
    }

    @Test
    void settingsAreCheckedAndPinsAreLimited() {
        User erin = user("Erin");
        User frank = user("Frank");
        User stranger = user("Stranger");
        String id = direct(erin, frank);
        Response empty = settings(erin, id, Map.of());
        assertThat(empty.toString(), empty.status(), is(400));
        assertThat(empty.errorCode(), is("invalid_settings"));
        assertThat(settings(erin, id, Map.of("pinned", "yes")).status(), is(400));
        assertThat(settings(stranger, id, Map.of("pinned", true)).errorCode(), is("conversation_not_found"));
        assertThat(api.get("/conversations?archived=maybe", erin.token()).errorCode(), is("invalid_archived"));

        for (int i = 0; i < 10; i++) {
            String other = direct(erin, user("Peer " + i));
            assertThat(settings(erin, other, Map.of("pinned", true)).status(), is(200));
        }
        Response tooMany = settings(erin, id, Map.of("pinned", true));
        assertThat(tooMany.toString(), tooMany.status(), is(409));
        assertThat(tooMany.errorCode(), is("too_many_pinned"));
    }
}
