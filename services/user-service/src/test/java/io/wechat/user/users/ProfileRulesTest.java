package io.wechat.user.users;

import io.wechat.kit.web.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProfileRulesTest {
    @Test
    void usernameIsLowerCasedAndStripped() {
        assertThat(ProfileRules.username("  Alice.W_01 "), is("alice.w_01"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"ab", "a-b-c", "émile", "with space", "abcdefghijklmnopqrstuvwxyz0123456", "a+b"})
    void rejectsInvalidUsernames(String username) {
        assertThrows(ApiException.class, () -> ProfileRules.username(username));
    }

    @Test
    void passwordLengthIsCountedInCharacters() {
        assertThat(ProfileRules.password("12345678"), is("12345678"));
        assertThat(ProfileRules.password("😀".repeat(128)).isEmpty(), is(false));
        assertThrows(ApiException.class, () -> ProfileRules.password("1234567"));
        assertThrows(ApiException.class, () -> ProfileRules.password("x".repeat(129)));
    }

    @Test
    void displayNameIsStrippedAndBounded() {
        assertThat(ProfileRules.displayName("  王小明 "), is("王小明"));
        assertThrows(ApiException.class, () -> ProfileRules.displayName("   "));
        assertThrows(ApiException.class, () -> ProfileRules.displayName("x".repeat(65)));
        assertThrows(ApiException.class, () -> ProfileRules.displayName("bell\u0007"));
    }

    @Test
    void blankStatusMessageClears() {
        assertThat(ProfileRules.statusMessage("   "), is(nullValue()));
        assertThat(ProfileRules.statusMessage(" busy "), is("busy"));
        assertThrows(ApiException.class, () -> ProfileRules.statusMessage("x".repeat(141)));
    }

    @Test
    void avatarMediaIdIsOpaqueButBounded() {
        assertThat(ProfileRules.avatarMediaId("3f2a-01:x_y.z"), is("3f2a-01:x_y.z"));
        assertThat(ProfileRules.avatarMediaId(null), is(nullValue()));
        assertThrows(ApiException.class, () -> ProfileRules.avatarMediaId("../../etc/passwd"));
    }

    @Test
    void likePrefixEscapesWildcards() {
        assertThat(UserStore.likePrefix("a_b%c!"), is("a!_b!%c!!%"));
    }
}
