package io.wechat.user.contacts;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.testing.Api;
import io.wechat.user.testing.TestService;
import io.wechat.user.testing.TestUser;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class ContactsIT {
    private final Api api = TestService.get().api();

    @Test
    void requestAcceptAndRemove() {
        TestUser alice = TestUser.register(api, "alice");
        TestUser bob = TestUser.register(api, "bob");

        Api.Response sent = sendRequest(alice, bob, "hi, it's Alice");
        assertThat(sent.toString(), sent.status(), is(201));
        assertThat(sent.body().path("status").asText(), is("pending"));
        assertThat(sent.body().path("direction").asText(), is("outgoing"));
        String requestId = sent.body().path("requestId").asText();

        JsonNode incoming = api.get("/contacts/requests?direction=incoming", bob.accessToken()).body();
        assertThat(incoming.path("items").get(0).path("requestId").asText(), is(requestId));
        assertThat(incoming.path("items").get(0).path("fromUser").path("username").asText(), is(alice.username()));
        assertThat(incoming.path("items").get(0).path("message").asText(), is("hi, it's Alice"));
        assertThat(api.get("/contacts/requests?direction=outgoing", bob.accessToken()).body().path("items").size(), is(0));
        assertThat(api.get("/contacts/requests", alice.accessToken()).body().path("items").get(0)
                           .path("direction").asText(), is("outgoing"));

        assertThat(sendRequest(alice, bob, null).errorCode(), is("request_pending"));
        assertThat(api.post("/contacts/requests/" + requestId + "/accept", alice.accessToken(), null).status(), is(404));

        Api.Response accepted = api.post("/contacts/requests/" + requestId + "/accept", bob.accessToken(), null);
        assertThat(accepted.toString(), accepted.status(), is(200));
        assertThat(accepted.body().path("status").asText(), is("accepted"));
        assertThat(contactIds(alice), is(List.of(bob.id().toString())));
        assertThat(contactIds(bob), is(List.of(alice.id().toString())));
        assertThat(api.post("/contacts/requests/" + requestId + "/accept", bob.accessToken(), null).errorCode(),
                   is("request_not_pending"));
        assertThat(sendRequest(bob, alice, null).errorCode(), is("already_contacts"));

        assertThat(api.delete("/contacts/" + alice.id(), bob.accessToken()).status(), is(204));
        assertThat(contactIds(alice), is(List.of()));
        assertThat(api.delete("/contacts/" + alice.id(), bob.accessToken()).errorCode(), is("contact_not_found"));
    }

    @Test
    void declineAndCancel() {
        TestUser alice = TestUser.register(api, "dalice");
        TestUser bob = TestUser.register(api, "dbob");
        String first = sendRequest(alice, bob, null).body().path("requestId").asText();

        Api.Response declined = api.post("/contacts/requests/" + first + "/decline", bob.accessToken(), null);
        assertThat(declined.body().path("status").asText(), is("declined"));
        assertThat(contactIds(bob), is(List.of()));

        String second = sendRequest(alice, bob, null).body().path("requestId").asText();
        assertThat(api.delete("/contacts/requests/" + second, bob.accessToken()).status(), is(404));
        assertThat(api.delete("/contacts/requests/" + second, alice.accessToken()).status(), is(204));
        assertThat(api.get("/contacts/requests", bob.accessToken()).body().path("items").size(), is(0));
    }

    @Test
    void crossingRequestsMakeContactsAtOnce() {
        TestUser alice = TestUser.register(api, "xalice");
        TestUser bob = TestUser.register(api, "xbob");
        sendRequest(alice, bob, null);

        Api.Response crossing = sendRequest(bob, alice, null);
        assertThat(crossing.status(), is(201));
        assertThat(crossing.body().path("status").asText(), is("accepted"));
        assertThat(contactIds(alice), is(List.of(bob.id().toString())));
        assertThat(api.get("/contacts/requests", alice.accessToken()).body().path("items").size(), is(0));
    }

    @Test
    void invalidRequestsAreRejected() {
        TestUser alice = TestUser.register(api, "ialice");
        assertThat(api.post("/contacts/requests", alice.accessToken(), "{\"userId\":\"%s\"}".formatted(alice.id()))
                           .errorCode(), is("cannot_add_self"));
        assertThat(api.post("/contacts/requests", alice.accessToken(), "{\"userId\":\"nope\"}").status(), is(400));
        assertThat(api.post("/contacts/requests", alice.accessToken(), "{}").status(), is(400));
        assertThat(api.post("/contacts/requests", alice.accessToken(),
                            "{\"userId\":\"%s\"}".formatted(UUID.randomUUID())).errorCode(), is("user_not_found"));
        assertThat(api.get("/contacts/requests?direction=sideways", alice.accessToken()).errorCode(),
                   is("invalid_direction"));
        assertThat(api.post("/contacts/requests/xyz/accept", alice.accessToken(), null).status(), is(404));
        assertThat(api.get("/contacts", null).status(), is(401));
    }

    @Test
    void blockRemovesContactAndRequestsAndHidesTheBlocker() {
        TestUser alice = TestUser.register(api, "balice");
        TestUser bob = TestUser.register(api, "bbob");
        TestUser carol = TestUser.register(api, "bcarol");
        String request = sendRequest(alice, bob, null).body().path("requestId").asText();
        api.post("/contacts/requests/" + request + "/accept", bob.accessToken(), null);
        sendRequest(alice, carol, null);

        assertThat(api.post("/blocks/" + bob.id(), alice.accessToken(), null).status(), is(204));
        assertThat(api.post("/blocks/" + bob.id(), alice.accessToken(), null).status(), is(204));
        assertThat(api.post("/blocks/" + carol.id(), alice.accessToken(), null).status(), is(204));

        assertThat(contactIds(alice), is(List.of()));
        assertThat(contactIds(bob), is(List.of()));
        assertThat(api.get("/contacts/requests", carol.accessToken()).body().path("items").size(), is(0));
        assertThat(sendRequest(bob, alice, null).errorCode(), is("user_not_found"));
        assertThat(sendRequest(alice, bob, null).errorCode(), is("contact_request_not_allowed"));
        assertThat(api.get("/users/" + alice.id(), bob.accessToken()).status(), is(404));
        assertThat(api.get("/users?search=" + alice.username(), bob.accessToken()).body().path("items").size(), is(0));
        assertThat(api.get("/users/" + bob.id(), alice.accessToken()).status(), is(200));

        JsonNode blocks = api.get("/blocks?limit=1", alice.accessToken()).body();
        assertThat(blocks.path("items").size(), is(1));
        JsonNode rest = api.get("/blocks?cursor=" + blocks.path("nextCursor").asText(), alice.accessToken()).body();
        assertThat(rest.path("items").size(), is(1));
        assertThat(rest.path("nextCursor").isNull(), is(true));

        assertThat(api.delete("/blocks/" + bob.id(), alice.accessToken()).status(), is(204));
        assertThat(api.delete("/blocks/" + bob.id(), alice.accessToken()).status(), is(204));
        assertThat(sendRequest(bob, alice, null).status(), is(201));
        assertThat(api.post("/blocks/" + alice.id(), alice.accessToken(), null).errorCode(), is("cannot_block_self"));
        assertThat(api.post("/blocks/" + UUID.randomUUID(), alice.accessToken(), null).status(), is(404));
    }

    @Test
    void contactsArePaged() {
        TestUser me = TestUser.register(api, "pme");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestUser friend = TestUser.register(api, "pf" + i);
            String id = sendRequest(me, friend, null).body().path("requestId").asText();
            api.post("/contacts/requests/" + id + "/accept", friend.accessToken(), null);
            expected.add(friend.username());
        }
        expected.sort(String::compareTo);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/contacts?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                                    me.accessToken()).body();
            page.path("items").forEach(item -> seen.add(item.path("username").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);
        assertThat(seen, is(expected));
    }

    private Api.Response sendRequest(TestUser from, TestUser to, String message) {
        String body = message == null ? "{\"userId\":\"%s\"}".formatted(to.id())
                : "{\"userId\":\"%s\",\"message\":\"%s\"}".formatted(to.id(), message);
        return api.post("/contacts/requests", from.accessToken(), body);
    }

    private List<String> contactIds(TestUser user) {
        List<String> ids = new ArrayList<>();
        api.get("/contacts", user.accessToken()).body().path("items").forEach(c -> ids.add(c.path("userId").asText()));
        return ids;
    }
}
