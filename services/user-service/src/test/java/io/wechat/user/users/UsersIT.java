package io.wechat.user.users;

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

class UsersIT {
    private final Api api = TestService.get().api();

    @Test
    void ownProfileCanBeChangedAndCleared() {
        TestUser user = TestUser.register(api, "prof");
        JsonNode me = api.get("/users/me", user.accessToken()).body();
        assertThat(me.path("userId").asText(), is(user.id().toString()));
        assertThat(me.path("createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), is(true));

        Api.Response patched = api.patch("/users/me", user.accessToken(),
                                         """
                {"displayName":"New Name","avatarMediaId":"media-123","statusMessage":"on holiday"}""");
        assertThat(patched.toString(), patched.status(), is(200));
        assertThat(patched.body().path("displayName").asText(), is("New Name"));
        assertThat(patched.body().path("avatarMediaId").asText(), is("media-123"));

        JsonNode cleared = api.patch("/users/me", user.accessToken(), "{\"avatarMediaId\":null}").body();
        assertThat(cleared.path("avatarMediaId").isNull(), is(true));
        assertThat(cleared.path("statusMessage").asText(), is("on holiday"));
        assertThat(cleared.path("displayName").asText(), is("New Name"));
    }

    @Test
    void invalidPatchesAre400() {
        TestUser user = TestUser.register(api, "badp");
        assertThat(api.patch("/users/me", user.accessToken(), "{\"displayName\":null}").status(), is(400));
        assertThat(api.patch("/users/me", user.accessToken(), "{\"displayName\":\"\"}").errorCode(),
                   is("invalid_display_name"));
        assertThat(api.patch("/users/me", user.accessToken(), "{\"statusMessage\":5}").status(), is(400));
        assertThat(api.patch("/users/me", user.accessToken(), "{\"avatarMediaId\":\"a/b\"}").errorCode(),
                   is("invalid_avatar_media_id"));
        assertThat(api.patch("/users/me", user.accessToken(), "\"text\"").errorCode(), is("malformed_json"));
    }

    @Test
    void publicProfileShowsNoPrivateFields() {
        TestUser viewer = TestUser.register(api, "view");
        TestUser other = TestUser.register(api, "othr");
        JsonNode profile = api.get("/users/" + other.id(), viewer.accessToken()).body();

        assertThat(profile.path("username").asText(), is(other.username()));
        assertThat(profile.has("passwordHash"), is(false));
        assertThat(profile.has("createdAt"), is(false));
        assertThat(api.get("/users/" + UUID.randomUUID(), viewer.accessToken()).errorCode(), is("user_not_found"));
        assertThat(api.get("/users/not-a-uuid", viewer.accessToken()).status(), is(404));
    }

    @Test
    void searchPagesByUsernameAndMatchesDisplayNames() {
        String prefix = TestUser.uniqueUsername("s").substring(0, 10);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add(TestUser.register(api, prefix + "_" + i, "Searchable " + i).username());
        }
        TestUser viewer = TestUser.register(api, "srch");

        List<String> found = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String path = "/users?search=" + prefix.toUpperCase() + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = api.get(path, viewer.accessToken()).body();
            page.path("items").forEach(item -> found.add(item.path("username").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(found, is(expected));
        assertThat(pages, is(3));

        String displayPrefix = "Disp" + prefix;
        TestUser byName = TestUser.register(api, TestUser.uniqueUsername("zz"), displayPrefix + " Person");
        JsonNode byDisplayName = api.get("/users?search=" + displayPrefix.toLowerCase(), viewer.accessToken()).body();
        assertThat(byDisplayName.path("items").get(0).path("userId").asText(), is(byName.id().toString()));
    }

    @Test
    void searchRejectsBadParameters() {
        TestUser viewer = TestUser.register(api, "sbad");
        assertThat(api.get("/users?search=abc&cursor=%21%21", viewer.accessToken()).errorCode(), is("invalid_cursor"));
        assertThat(api.get("/users?search=abc&limit=0", viewer.accessToken()).errorCode(), is("invalid_limit"));
        assertThat(api.get("/users?search=abc&limit=101", viewer.accessToken()).errorCode(), is("invalid_limit"));
        assertThat(api.get("/users?search=abc&limit=ten", viewer.accessToken()).errorCode(), is("invalid_limit"));
        assertThat(api.get("/users", viewer.accessToken()).errorCode(), is("invalid_search"));
        assertThat(api.get("/users?search=%25", viewer.accessToken()).body().path("items").size(), is(0));
    }
}
