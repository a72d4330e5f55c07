package io.wechat.user.users;

import java.time.Instant;
import java.util.UUID;

import io.wechat.user.users.Profiles.OwnProfile;
import io.wechat.user.users.Profiles.PublicProfile;
import io.wechat.user.users.Profiles.ViewedProfile;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** An account as stored, a profile change applied to it, and the views its owner and everyone else get of it. */
class UserTest {
    private static final Instant REGISTERED = Instant.parse("2026-11-26T21:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-27T08:30:00Z");
    private static final UUID ID = UUID.fromString("0b6b1c7e-8f4a-4c41-9a55-5b8d1f2e3a4b");

    private final User alice = User.register(ID, "alice", "Alice", "hash", REGISTERED);

    @Test
    void aNewAccountHasNoAvatarNorStatusAndWasChangedWhenCreated() {
        assertThat(alice.avatarMediaId(), is(nullValue()));
        assertThat(alice.statusMessage(), is(nullValue()));
        assertThat(alice.createdAt(), is(REGISTERED));
        assertThat(alice.updatedAt(), is(REGISTERED));
    }

    @Test
    void anAccountNeedsItsIdentityAndPassword() {
        assertThrows(NullPointerException.class, () -> User.register(null, "alice", "Alice", "hash", REGISTERED));
        assertThrows(NullPointerException.class, () -> User.register(ID, null, "Alice", "hash", REGISTERED));
        assertThrows(NullPointerException.class, () -> User.register(ID, "alice", null, "hash", REGISTERED));
        assertThrows(NullPointerException.class, () -> User.register(ID, "alice", "Alice", null, REGISTERED));
    }

    @Test
    void aProfileChangeSetsWhatItNamesKeepsTheRestAndStampsTheTime() {
        User changed = alice.withProfile(
                new ProfileUpdate(Patch.keep(), Patch.set("m-1"), Patch.set("busy")), LATER);

        assertThat(changed.displayName(), is("Alice"));
        assertThat(changed.avatarMediaId(), is("m-1"));
        assertThat(changed.statusMessage(), is("busy"));
        assertThat(changed.createdAt(), is(REGISTERED));
        assertThat(changed.updatedAt(), is(LATER));
        assertThat(changed.id(), is(ID));
        assertThat(changed.username(), is("alice"));
        assertThat(changed.passwordHash(), is("hash"));

        User cleared = changed.withProfile(new ProfileUpdate(Patch.set("Al"), Patch.set(null), Patch.keep()), LATER);
        assertThat(cleared.displayName(), is("Al"));
        assertThat(cleared.avatarMediaId(), is(nullValue()));
        assertThat(cleared.statusMessage(), is("busy"));
    }

    @Test
    void theProfileIsTheDisplayNameAvatarAndStatus() {
        User busy = alice.withProfile(new ProfileUpdate(Patch.keep(), Patch.keep(), Patch.set("busy")), LATER);
        User pictured = alice.withProfile(new ProfileUpdate(Patch.keep(), Patch.set("m-1"), Patch.keep()), LATER);
        User renamed = alice.withProfile(new ProfileUpdate(Patch.set("Ali"), Patch.keep(), Patch.keep()), LATER);
        User untouched = alice.withProfile(new ProfileUpdate(Patch.keep(), Patch.keep(), Patch.keep()), LATER);

        assertThat("only the time changed", alice.sameProfileAs(untouched), is(true));
        assertThat(alice.sameProfileAs(busy), is(false));
        assertThat(alice.sameProfileAs(pictured), is(false));
        assertThat(alice.sameProfileAs(renamed), is(false));
        assertThat(busy.sameProfileAs(alice), is(false));
    }

    @Test
    void theOwnerSeesTheTimesAndTheGroupSetting() {
        User busy = alice.withProfile(new ProfileUpdate(Patch.keep(), Patch.set("m-1"), Patch.set("busy")), LATER);
        OwnProfile own = OwnProfile.of(busy).withGroupInvites(GroupInvites.EVERYONE);

        assertThat(own, is(new OwnProfile(ID, "alice", "Alice", "m-1", "busy", "everyone",
                                          "2026-11-26T21:00:00.000Z", "2026-11-27T08:30:00.000Z")));
    }

    @Test
    void everyoneElseSeesThePublicFieldsAndWhetherTheyMayAddTheUserToAGroup() {
        User busy = alice.withProfile(new ProfileUpdate(Patch.keep(), Patch.set("m-1"), Patch.set("busy")), LATER);
        PublicProfile seen = PublicProfile.of(busy);

        assertThat(seen, is(new PublicProfile(ID, "alice", "Alice", "m-1", "busy")));
        assertThat(ViewedProfile.of(seen, true), is(new ViewedProfile(ID, "alice", "Alice", "m-1", "busy", true)));
        assertThat(ViewedProfile.of(seen, false).canAddToGroups(), is(false));
    }
}
