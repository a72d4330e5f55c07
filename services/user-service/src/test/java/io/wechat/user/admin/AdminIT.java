package io.wechat.user.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import io.wechat.kit.testing.Api;
import io.wechat.user.testing.TestService;
import io.wechat.user.testing.TestUser;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** The admin role, the admin routes, and what disabling an account and logging out end. */
class AdminIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final TestService service = TestService.get();
    private final Api api = service.api();

    @Test
    void everyTokenCarriesTheUserScopeAndItsSession() throws Exception {
        TestUser user = TestUser.register(api, "scp");
        var claims = SignedJWT.parse(user.accessToken()).getJWTClaimsSet();
        assertThat(claims.getStringClaim("scope"), is("user"));
        String sessionId = claims.getStringClaim("sid");
        assertThat(sessionId, is(UUID.fromString(sessionId).toString()));

        Api.Response refreshed = refresh(user.refreshToken());
        var again = SignedJWT.parse(refreshed.body().path("accessToken").asText()).getJWTClaimsSet();
        assertThat("a refresh continues the session", again.getStringClaim("sid"), is(claims.getStringClaim("sid")));
    }

    @Test
    void theOperatorGrantsAndRevokesTheAdminScope() throws Exception {
        TestUser user = TestUser.register(api, "opr");
        Api.Response granted = setAdmin(user.username(), true);
        assertThat(granted.toString(), granted.status(), is(200));
        assertThat(granted.body().path("scopes").toString(), is("[\"user\",\"admin\"]"));
        assertThat(setAdmin(user.username(), true).status(), is(200));

        String refreshToken = user.refreshToken();
        Api.Response refreshed = refresh(refreshToken);
        assertThat(scope(refreshed), is("user admin"));

        setAdmin(user.username(), false);
        Api.Response revoked = refresh(refreshed.body().path("refreshToken").asText());
        assertThat(scope(revoked), is("user"));

        assertThat(setAdmin("nobody_" + UUID.randomUUID().toString().substring(0, 8), true).status(), is(404));
        assertThat(api.post("/events", null, "{\"adminRole\":{\"username\":\"x\"}}").status(), is(400));
    }

    @Test
    void aNormalUsersTokenIsForbiddenOnEveryAdminRoute() {
        TestUser user = TestUser.register(api, "nrm");
        TestUser other = TestUser.register(api, "nrm2");
        List<Api.Response> answers = List.of(
                api.get("/admin/users", user.accessToken()),
                api.post("/admin/users/" + other.id() + "/disable", user.accessToken(), "{\"reason\":\"spam\"}"),
                api.post("/admin/users/" + other.id() + "/enable", user.accessToken(), null));
        for (Api.Response answer : answers) {
            assertThat(answer.toString(), answer.status(), is(403));
            assertThat(answer.errorCode(), is("forbidden"));
        }
        assertThat(api.get("/admin/users", null).status(), is(401));
        assertThat(login(other).status(), is(200));
    }

    @Test
    void anAdminListsUsersBySearchAndStatusPageByPage() {
        TestUser admin = admin("lst");
        String prefix = "lsx" + Long.toString(System.nanoTime(), 36);
        List<TestUser> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            users.add(TestUser.register(api, prefix + i, "Listed " + i));
        }
        api.post("/admin/users/" + users.get(1).id() + "/disable", admin.accessToken(), "{\"reason\":\"spam\"}");

        Api.Response first = api.get("/admin/users?search=" + prefix + "&limit=2", admin.accessToken());
        assertThat(first.toString(), first.status(), is(200));
        assertThat(first.body().path("items").size(), is(2));
        JsonNode item = first.body().path("items").get(0);
        assertThat(item.path("username").asText(), is(prefix + "0"));
        assertThat(item.path("status").asText(), is("active"));
        assertThat(item.path("scopes").toString(), is("[\"user\"]"));
        assertThat("logged in by register", item.path("lastActiveAt").isTextual(), is(true));
        assertThat(item.path("createdAt").isTextual(), is(true));
        assertThat(item.has("disabledReason") && item.path("disabledReason").isNull(), is(true));
        Api.Response second = api.get("/admin/users?search=" + prefix + "&limit=2&cursor="
                                              + first.body().path("nextCursor").asText(), admin.accessToken());
        assertThat(second.body().path("items").size(), is(1));
        assertThat(second.body().path("nextCursor").isNull(), is(true));

        Api.Response disabled = api.get("/admin/users?status=disabled&search=" + prefix, admin.accessToken());
        assertThat(disabled.body().path("items").size(), is(1));
        assertThat(disabled.body().path("items").get(0).path("disabledReason").asText(), is("spam"));
        assertThat(api.get("/admin/users?status=active&search=" + prefix, admin.accessToken())
                           .body().path("items").size(), is(2));
        assertThat(api.get("/admin/users?status=gone", admin.accessToken()).status(), is(400));
        assertThat(api.get("/admin/users?cursor=bad", admin.accessToken()).status(), is(400));
    }

    @Test
    void disablingEndsEverySessionAndEnablingAllowsANewLogin() throws Exception {
        TestUser admin = admin("dis");
        TestUser user = TestUser.register(api, "vic");
        Api.Response secondLogin = login(user);
        String sid = sid(user.accessToken());

        Api.Response disabled = api.post("/admin/users/" + user.id() + "/disable", admin.accessToken(),
                                          "{\"reason\":\"abuse\"}");
        assertThat(disabled.toString(), disabled.status(), is(200));
        assertThat(disabled.body().path("status").asText(), is("disabled"));
        assertThat(disabled.body().path("disabledReason").asText(), is("abuse"));

        Api.Response login = login(user);
        assertThat(login.status(), is(403));
        assertThat(login.errorCode(), is("account_disabled"));
        assertThat(refresh(user.refreshToken()).status(), is(401));
        assertThat(refresh(secondLogin.body().path("refreshToken").asText()).status(), is(401));
        assertThat(api.get("/users/me", user.accessToken()).status(), is(401));
        assertThat(api.get("/users/me", secondLogin.body().path("accessToken").asText()).status(), is(401));
        JsonNode revoked = api.get("/.well-known/revoked-sessions", null).body();
        assertThat(texts(revoked.path("sessionIds")), hasItem(sid));
        assertThat(texts(revoked.path("sessionIds")), hasItem(sid(secondLogin.body().path("accessToken").asText())));

        JsonNode event = service.awaitEvent(e -> e.path("type").asText().equals("user.disabled")
                && e.path("payload").path("userId").asText().equals(user.id().toString()), WAIT);
        assertThat(event.path("payload").path("actorId").asText(), is(admin.id().toString()));
        assertThat(event.path("payload").path("reason").asText(), is("abuse"));

        Api.Response again = api.post("/admin/users/" + user.id() + "/disable", admin.accessToken(),
                                       "{\"reason\":\"other\"}");
        assertThat(again.status(), is(200));
        assertThat("idempotent: the first reason stays", again.body().path("disabledReason").asText(), is("abuse"));

        Api.Response enabled = api.post("/admin/users/" + user.id() + "/enable", admin.accessToken(), null);
        assertThat(enabled.status(), is(200));
        assertThat(enabled.body().path("status").asText(), is("active"));
        assertThat(enabled.body().path("disabledReason").isNull(), is(true));
        assertThat(api.post("/admin/users/" + user.id() + "/enable", admin.accessToken(), null).status(), is(200));
        JsonNode enabledEvent = service.awaitEvent(e -> e.path("type").asText().equals("user.enabled")
                && e.path("payload").path("userId").asText().equals(user.id().toString()), WAIT);
        assertThat(enabledEvent.path("payload").path("actorId").asText(), is(admin.id().toString()));

        Api.Response relogin = login(user);
        assertThat(relogin.status(), is(200));
        assertThat(api.get("/users/me", relogin.body().path("accessToken").asText()).status(), is(200));
        assertThat("revoked sessions stay revoked", refresh(user.refreshToken()).status(), is(401));
    }

    @Test
    void disableRefusesBadInput() {
        TestUser admin = admin("bad");
        TestUser user = TestUser.register(api, "bdv");
        assertThat(api.post("/admin/users/" + admin.id() + "/disable", admin.accessToken(), "{\"reason\":\"me\"}")
                           .errorCode(), is("cannot_disable_self"));
        assertThat(api.post("/admin/users/" + user.id() + "/disable", admin.accessToken(), "{}").status(), is(400));
        assertThat(api.post("/admin/users/" + user.id() + "/disable", admin.accessToken(), "{\"reason\":\"  \"}")
                           .status(), is(400));
        assertThat(api.post("/admin/users/" + UUID.randomUUID() + "/disable", admin.accessToken(),
                            "{\"reason\":\"x\"}").status(), is(404));
        assertThat(api.post("/admin/users/not-a-uuid/enable", admin.accessToken(), null).status(), is(404));
        assertThat(login(user).status(), is(200));
    }

    @Test
    void logoutRevokesTheSessionsAccessTokensAndPublishesSignedOut() throws Exception {
        TestUser user = TestUser.register(api, "out");
        Api.Response other = login(user);
        String sid = sid(user.accessToken());

        assertThat(api.post("/auth/logout", null, "{\"refreshToken\":\"" + user.refreshToken() + "\"}").status(), is(204));

        assertThat(api.get("/users/me", user.accessToken()).status(), is(401));
        assertThat("the other session lives on",
                   api.get("/users/me", other.body().path("accessToken").asText()).status(), is(200));
        assertThat(texts(api.get("/.well-known/revoked-sessions", null).body().path("sessionIds")), hasItem(sid));
        assertThat(texts(api.get("/.well-known/revoked-sessions", null).body().path("sessionIds")),
                   not(hasItem(sid(other.body().path("accessToken").asText()))));
        JsonNode event = service.awaitEvent(e -> e.path("type").asText().equals("user.signedOut")
                && e.path("payload").path("sessionId").asText().equals(sid), WAIT);
        assertThat(event.path("payload").path("userId").asText(), is(user.id().toString()));
    }

    private TestUser admin(String prefix) {
        TestUser user = TestUser.register(api, prefix);
        assertThat(setAdmin(user.username(), true).status(), is(200));
        Api.Response login = login(user);
        return new TestUser(user.id(), user.username(), user.password(), user.displayName(),
                            login.body().path("accessToken").asText(), login.body().path("refreshToken").asText());
    }

    private Api.Response setAdmin(String username, boolean grant) {
        return api.post("/events", null, "{\"adminRole\":{\"username\":\"%s\",\"grant\":%s}}".formatted(username, grant));
    }

    private Api.Response login(TestUser user) {
        return api.post("/auth/login", null, "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(user.username(),
                                                                                             user.password()));
    }

    private Api.Response refresh(String refreshToken) {
        return api.post("/auth/refresh", null, "{\"refreshToken\":\"" + refreshToken + "\"}");
    }

    private static String scope(Api.Response tokens) throws Exception {
        assertThat(tokens.toString(), tokens.status(), is(200));
        return SignedJWT.parse(tokens.body().path("accessToken").asText()).getJWTClaimsSet().getStringClaim("scope");
    }

    private static String sid(String accessToken) throws Exception {
        return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid");
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
