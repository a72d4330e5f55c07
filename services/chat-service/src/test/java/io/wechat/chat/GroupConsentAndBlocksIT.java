package io.wechat.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.wechat.chat.support.ChatServiceFixture;
import io.wechat.chat.users.BlockStore;
import io.wechat.kit.testing.Api;
import io.wechat.kit.testing.Api.Response;
import io.wechat.kit.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/** Who may put whom in a conversation: blocks (whatever the cache of profiles holds), consent, quotas. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupConsentAndBlocksIT {
    private ChatServiceFixture fixture;
    private Api api;
    private BlockStore blocks;

    @BeforeAll
    void start() {
        fixture = new ChatServiceFixture();
        api = fixture.api;
        blocks = new BlockStore(fixture.dynamo, fixture.tables.conversations());
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void whatOneCallerWasToldIsNotWhatAnotherIsTold() {
        String carol = fixture.identity.newUser("Carol");
        String friend = fixture.identity.newUser("Friend");
        String stalker = fixture.identity.newUser("Stalker");
        fixture.identity.block(carol, stalker);

        assertThat(createDirect(friend, carol).status(), is(201));
        Response refused = createDirect(stalker, carol);
        assertThat(refused.toString(), refused.status(), is(404));
        assertThat(refused.errorCode(), is("user_not_found"));
    }

    @Test
    void aBlockRecordedByChatServiceStopsAddsAndDirectChatsWhileTheProfileIsCached() {
        String dana = fixture.identity.newUser("Dana");
        String eve = fixture.identity.newUser("Eve");
        String other = fixture.identity.newUser("Other");
        String group = createGroup(eve, List.of(other)).body().path("conversationId").asText();
        assertThat(createGroup(eve, List.of(dana)).status(), is(201));
        blocks.record(dana, eve, true, Instant.now().toString());

        assertThat(createGroup(eve, List.of(dana)).status(), is(404));
        Response add = api.post("/conversations/" + group + "/members", fixture.identity.token(eve),
                Map.of("userIds", List.of(dana)));
        assertThat(add.toString(), add.status(), is(404));
        assertThat(createDirect(eve, dana).status(), is(404));
    }

    @Test
    void strangersCannotAddSomeoneWhoAcceptsContactsOnly() {
        String shy = fixture.identity.newUser("Shy");
        String stranger = fixture.identity.newUser("Stranger");
        String friend = fixture.identity.newUser("Friend");
        fixture.identity.acceptGroupInvitesFromContactsOnly(shy);
        fixture.identity.makeContacts(shy, friend);

        Response refused = createGroup(stranger, List.of(shy, friend));
        assertThat(refused.toString(), refused.status(), is(403));
        assertThat(refused.errorCode(), is("group_invite_not_allowed"));
        assertThat(createGroup(friend, List.of(shy)).status(), is(201));
    }

    @Test
    void groupsPerUserPerDayEndWith429AndRetryAfter() throws Exception {
        String busy = fixture.identity.newUser("Busy");
        String other = fixture.identity.newUser("Other");
        for (int i = 0; i < Main.GROUPS_PER_USER_PER_DAY; i++) {
            assertThat(createGroup(busy, List.of(other)).status(), is(201));
        }
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + fixture.server.port() + "/conversations"))
                .header("Authorization", "Bearer " + fixture.identity.token(busy))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(
                        Map.of("type", "group", "title", "g", "memberIds", List.of(other))))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.body(), refused.statusCode(), is(429));
        assertThat(refused.body(), containsString("quota_exceeded"));
        assertThat(Integer.parseInt(refused.headers().firstValue("Retry-After").orElse("0")), greaterThan(80_000));
    }

    private Response createDirect(String from, String to) {
        return api.post("/conversations", fixture.identity.token(from), Map.of("type", "direct", "memberIds", List.of(to)));
    }

    private Response createGroup(String from, List<String> members) {
        return api.post("/conversations", fixture.identity.token(from),
                Map.of("type", "group", "title", "g", "memberIds", members));
    }
}
