package io.wechat.chat.users;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The name a user is shown by, and whether the caller may add them to groups. */
class UserProfileTest {
    @Test
    void theShownNameIsTheDisplayNameElseTheUsernameElseTheId() {
        assertThat(new UserProfile("u-1", "alice", "Alice A.", null, null).shownName(), is("Alice A."));
        assertThat(new UserProfile("u-1", "alice", " ", null, null).shownName(), is("alice"));
        assertThat(new UserProfile("u-1", "alice", null, null, null).shownName(), is("alice"));
        assertThat(new UserProfile("u-1", "", null, null, null).shownName(), is("u-1"));
        assertThat(new UserProfile("u-1", null, null, null, null).shownName(), is("u-1"));
    }

    @Test
    void onlyAnExplicitYesLetsTheCallerAddThemToGroups() {
        assertThat(new UserProfile("u-1", "alice", null, null, true).mayBeAddedToGroupsByCaller(), is(true));
        assertThat(new UserProfile("u-1", "alice", null, null, false).mayBeAddedToGroupsByCaller(), is(false));
        assertThat(new UserProfile("u-1", "alice", null, null, null).mayBeAddedToGroupsByCaller(), is(false));
    }

    @Test
    void aProfileHasAnId() {
        assertThrows(NullPointerException.class, () -> new UserProfile(null, "alice", null, null, null));
    }
}
