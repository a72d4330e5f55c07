package io.wechat.user.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.testing.Api;
import io.wechat.user.testing.TestService;
import io.wechat.user.testing.TestUser;
import io.wechat.user.users.UsernameTombstones;
import io.wechat.user.web.Json;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

class AccountControlIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String NEW_PASSWORD = "a new and longer passphrase";

    private final TestService service = TestService.get();
    private final Api api = service.api();

    @Test
    void sessionsAreListedWithTheirDeviceAndTheCallersMarkedCurrent() {
        TestUser user = TestUser.register(api, "sess");
        Api.Response phone = login(user.username(), user.password(), "Alice's phone");
        Api.Response browser = api.call("POST", "/auth/login", null,
                                        credentials(user.username(), user.password(), null), "User-Agent",
                                        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");

        JsonNode items = api.get("/auth/sessions", user.accessToken()).body().path("items");
        assertThat(items.size(), is(3));
        List<String> labels = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (JsonNode item : items) {
            labels.add(item.path("deviceLabel").asText());
            assertThat(item.path("createdAt").asText(null), notNullValue());
            assertThat(item.path("lastUsedAt").asText(null), notNullValue());
            if (item.path("current").asBoolean()) {
                current.add(item.path("sessionId").asText());
            }
        }
        assertThat(labels, hasItem("Alice's phone"));
        assertThat(labels, hasItem("Firefox on Linux"));
        assertThat(current, is(List.of(sid(user.accessToken()))));
        assertThat(sid(phone.body().path("accessToken").asText()), not(sid(browser.body().path("accessToken").asText())));
    }

    @Test
    void changingThePasswordEndsEveryOtherSession() {
        TestUser user = TestUser.register(api, "pwd");
        Api.Response other = login(user.username(), user.password(), "Tablet");
        String otherToken = other.body().path("accessToken").asText();
        String otherRefresh = other.body().path("refreshToken").asText();

        Api.Response wrong = api.post("/users/me/password", user.accessToken(),
                                      passwordChange("not the password", NEW_PASSWORD));
        assertThat(wrong.toString(), wrong.status(), is(403));
        assertThat(wrong.errorCode(), is("wrong_password"));
        Api.Response tooShort = api.post("/users/me/password", user.accessToken(),
                                         passwordChange(user.password(), "short"));
        assertThat(tooShort.errorCode(), is("invalid_password"));
        assertThat(api.get("/users/me", otherToken).status(), is(200));

        Api.Response changed = api.post("/users/me/password", user.accessToken(),
                                        passwordChange(user.password(), NEW_PASSWORD));
        assertThat(changed.toString(), changed.status(), is(204));

        assertThat(api.get("/users/me", user.accessToken()).status(), is(200));
        assertThat(refresh(user.refreshToken()).status(), is(200));
        assertThat(api.get("/users/me", otherToken).status(), is(401));
        assertThat(refresh(otherRefresh).status(), is(401));
        JsonNode signedOut = service.awaitEvent(e -> e.path("type").asText().equals("user.signedOut")
                && e.path("payload").path("sessionId").asText().equals(sid(otherToken)), WAIT);
        assertThat(signedOut.path("payload").path("userId").asText(), is(user.id().toString()));

        assertThat(login(user.username(), user.password(), null).status(), is(401));
        assertThat(login(user.username(), NEW_PASSWORD, null).status(), is(200));
    }

    @Test
    void aUserEndsOnlyTheirOwnSessions() {
        TestUser owner = TestUser.register(api, "own");
        TestUser stranger = TestUser.register(api, "strg");
        String otherToken = login(owner.username(), owner.password(), "Laptop").body().path("accessToken").asText();
        String otherSession = sid(otherToken);

        assertThat(api.delete("/auth/sessions/" + otherSession, stranger.accessToken()).errorCode(),
                   is("session_not_found"));
        assertThat(api.delete("/auth/sessions/" + UUID.randomUUID(), owner.accessToken()).status(), is(404));
        assertThat(api.delete("/auth/sessions/not-an-id", owner.accessToken()).status(), is(404));
        assertThat(api.get("/users/me", otherToken).status(), is(200));

        assertThat(api.delete("/auth/sessions/" + otherSession, owner.accessToken()).status(), is(204));
        assertThat(api.get("/users/me", otherToken).status(), is(401));
        assertThat(api.get("/users/me", owner.accessToken()).status(), is(200));
        service.awaitEvent(e -> e.path("type").asText().equals("user.signedOut")
                && e.path("payload").path("sessionId").asText().equals(otherSession), WAIT);
        JsonNode items = api.get("/auth/sessions", owner.accessToken()).body().path("items");
        assertThat(items.size(), is(1));
        assertThat(api.delete("/auth/sessions/" + otherSession, owner.accessToken()).status(), is(404));
        assertThat(api.get("/auth/sessions", null).status(), is(401));
    }

    @Test
    void deletingTheAccountErasesItAndHoldsTheUsernameForThirtyDays() {
        TestUser user = TestUser.register(api, "del");
        TestUser friend = TestUser.register(api, "delfriend");
        TestUser blocked = TestUser.register(api, "delblocked");
        String requestId = api.post("/contacts/requests", user.accessToken(),
                                    "{\"userId\":\"%s\"}".formatted(friend.id())).body().path("requestId").asText();
        assertThat(api.post("/contacts/requests/" + requestId + "/accept", friend.accessToken(), null).status(),
                   is(200));
        assertThat(api.post("/blocks/" + blocked.id(), user.accessToken(), null).status(), is(204));
        String otherToken = login(user.username(), user.password(), "Phone").body().path("accessToken").asText();

        Api.Response wrong = api.call("DELETE", "/users/me", user.accessToken(), "{\"password\":\"not it at all\"}");
        assertThat(wrong.errorCode(), is("wrong_password"));
        assertThat(api.call("DELETE", "/users/me", user.accessToken(), null).status(), is(400));

        Api.Response deleted = api.call("DELETE", "/users/me", user.accessToken(),
                                        "{\"password\":\"%s\"}".formatted(user.password()));
        assertThat(deleted.toString(), deleted.status(), is(204));

        JsonNode event = service.awaitEvent(e -> e.path("type").asText().equals("user.deleted")
                && e.path("payload").path("userId").asText().equals(user.id().toString()), WAIT);
        assertThat(event.path("_typeAttribute").asText(), is("user.deleted"));
        assertThat(api.get("/users/me", user.accessToken()).status(), is(401));
        assertThat(api.get("/users/me", otherToken).status(), is(401));
        assertThat(refresh(user.refreshToken()).status(), is(401));
        assertThat(login(user.username(), user.password(), null).status(), is(401));
        assertThat(api.get("/users/" + user.id(), friend.accessToken()).status(), is(404));
        assertThat(api.get("/contacts", friend.accessToken()).body().path("items").size(), is(0));
        assertThat(service.jdbi().withHandle(h -> h.createQuery("""
                        select (select count(*) from users where id = :id) + (select count(*) from contacts
                          where user_id = :id or contact_id = :id) + (select count(*) from blocks
                          where blocker_id = :id or blocked_id = :id) + (select count(*) from contact_requests
                          where from_user_id = :id or to_user_id = :id)""")
                .bind("id", user.id()).mapTo(Long.class).one()), is(0L));

        Api.Response again = api.post("/auth/register", null, registration(user.username()));
        assertThat(again.toString(), again.status(), is(409));
        assertThat(again.errorCode(), is("username_taken"));
        assertThat(held(user.username(), Duration.ofDays(29)), is(true));
        // Thirty days on, the name is released (and its tombstone dropped): anyone may register it.
        assertThat(held(user.username(), Duration.ofDays(30).plusMinutes(1)), is(false));
        assertThat(api.post("/auth/register", null, registration(user.username())).status(), is(201));
    }

    @Test
    void aDeletedAccountsTokenCannotDeleteOrChangeAnything() {
        TestUser user = TestUser.register(api, "gone");
        assertThat(api.call("DELETE", "/users/me", user.accessToken(),
                            "{\"password\":\"%s\"}".formatted(user.password())).status(), is(204));
        assertThat(api.call("DELETE", "/users/me", user.accessToken(),
                            "{\"password\":\"%s\"}".formatted(user.password())).status(), is(401));
        assertThat(api.post("/users/me/password", user.accessToken(),
                            passwordChange(user.password(), NEW_PASSWORD)).status(), is(401));
    }

    private boolean held(String username, Duration later) {
        UsernameTombstones tombstones = new UsernameTombstones(Clock.offset(Clock.systemUTC(), later),
                                                               Duration.ofDays(30));
        return service.jdbi().inTransaction(h -> {
            tombstones.lock(h, username);
            return tombstones.held(h, username);
        });
    }

    private Api.Response login(String username, String password, String deviceLabel) {
        return api.post("/auth/login", null, credentials(username, password, deviceLabel));
    }

    private Api.Response refresh(String refreshToken) {
        return api.post("/auth/refresh", null, "{\"refreshToken\":\"%s\"}".formatted(refreshToken));
    }

    private static String credentials(String username, String password, String deviceLabel) {
        return deviceLabel == null
                ? "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, password)
                : "{\"username\":\"%s\",\"password\":\"%s\",\"deviceLabel\":\"%s\"}".formatted(username, password,
                                                                                             deviceLabel);
    }

    private static String passwordChange(String current, String next) {
        return "{\"currentPassword\":\"%s\",\"newPassword\":\"%s\"}".formatted(current, next);
    }

    private static String registration(String username) {
        return "{\"username\":\"%s\",\"password\":\"%s\",\"displayName\":\"Someone new\"}".formatted(
                username, TestUser.PASSWORD);
    }

    private static String sid(String accessToken) {
        try {
            byte[] claims = Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]);
            return Json.MAPPER.readTree(new String(claims, StandardCharsets.UTF_8)).path("sid").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
