package io.wechat.user.users;

import io.wechat.kit.testing.Api;
import io.wechat.user.testing.TestService;
import io.wechat.user.testing.TestUser;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** Who may add a user to a group: contacts by default, everyone when the user says so. */
class GroupInvitesIT {
    private final Api api = TestService.get().api();

    @Test
    void onlyContactsMayAddByDefault() {
        TestUser owner = TestUser.register(api, "inv");
        TestUser stranger = TestUser.register(api, "strg");
        TestUser friend = TestUser.register(api, "frnd");
        befriend(owner, friend);

        assertThat(api.get("/users/me", owner.accessToken()).body().path("groupInvites").asText(), is("contacts"));
        assertThat(canAdd(stranger, owner), is(false));
        assertThat(canAdd(friend, owner), is(true));
        assertThat(canAdd(owner, owner), is(true));
    }

    @Test
    void everyoneMayAddWhenTheUserAllowsIt() {
        TestUser owner = TestUser.register(api, "open");
        TestUser stranger = TestUser.register(api, "strg");

        Api.Response changed = api.patch("/users/me", owner.accessToken(), "{\"groupInvites\":\"everyone\"}");
        assertThat(changed.toString(), changed.body().path("groupInvites").asText(), is("everyone"));
        assertThat(canAdd(stranger, owner), is(true));

        api.patch("/users/me", owner.accessToken(), "{\"groupInvites\":\"contacts\"}");
        assertThat(canAdd(stranger, owner), is(false));
    }

    @Test
    void anUnknownSettingValueIs400() {
        TestUser owner = TestUser.register(api, "badset");
        Api.Response refused = api.patch("/users/me", owner.accessToken(), "{\"groupInvites\":\"nobody\"}");
        assertThat(refused.status(), is(400));
        assertThat(refused.errorCode(), is("invalid_group_invites"));
    }

    private boolean canAdd(TestUser viewer, TestUser target) {
        Api.Response profile = api.get("/users/" + target.id(), viewer.accessToken());
        assertThat(profile.toString(), profile.status(), is(200));
        return profile.body().path("canAddToGroups").asBoolean();
    }

    private void befriend(TestUser a, TestUser b) {
        assertThat(api.post("/contacts/requests", a.accessToken(), "{\"userId\":\"%s\"}".formatted(b.id())).status(), is(201));
        Api.Response accepted = api.post("/contacts/requests", b.accessToken(), "{\"userId\":\"%s\"}".formatted(a.id()));
        assertThat(accepted.body().path("status").asText(), is("accepted"));
    }
}
