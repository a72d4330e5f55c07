package io.wechat.user.auth;

import io.wechat.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AuthRequestsTest {
    @Test
    void registrationNormalizesWhatItStores() {
        var register = new AuthRequests.Register(" Alice ", "correct horse", " Alice W ");
        assertThat(register.username(), is("alice"));
        assertThat(register.password(), is("correct horse"));
        assertThat(register.displayName(), is("Alice W"));
        assertThat(refused(() -> new AuthRequests.Register("a", "correct horse", "A")), is("invalid_username"));
        assertThat(refused(() -> new AuthRequests.Register("alice", "short", "A")), is("invalid_password"));
        assertThat(refused(() -> new AuthRequests.Register("alice", "correct horse", " ")), is("invalid_display_name"));
    }

    @Test
    void aLoginIsCheckedForPresenceAndLengthOnly() {
        var login = new AuthRequests.Login("  Alice ", "x", null);
        assertThat(login.username(), is("alice"));
        assertThat(login.password(), is("x"));
        // Rules of registration are not applied: they would tell which usernames cannot exist.
        assertThat(new AuthRequests.Login("a", "p", null).username(), is("a"));
        assertThat(refused(() -> new AuthRequests.Login(null, "p", null)), is("invalid_request"));
        assertThat(refused(() -> new AuthRequests.Login("", "p", null)), is("invalid_request"));
        assertThat(refused(() -> new AuthRequests.Login("alice", null, null)), is("invalid_request"));
        assertThat(refused(() -> new AuthRequests.Login("alice", "", null)), is("invalid_request"));
    }

    @Test
    void overlongLoginFieldsAreRefusedBeforeAnyHashing() {
        assertThat(new AuthRequests.Login("u".repeat(256), "p".repeat(256), null).username().length(), is(256));
        assertThat(refused(() -> new AuthRequests.Login("u".repeat(257), "p", null)), is("invalid_request"));
        assertThat(refused(() -> new AuthRequests.Login("alice", "p".repeat(257), null)), is("invalid_request"));
    }

    @Test
    void aRefreshTokenIsRequiredAndBounded() {
        assertThat(new AuthRequests.RefreshToken("t".repeat(256)).refreshToken().length(), is(256));
        assertThat(refused(() -> new AuthRequests.RefreshToken(null)), is("invalid_request"));
        assertThat(refused(() -> new AuthRequests.RefreshToken("")), is("invalid_request"));
        assertThat(refused(() -> new AuthRequests.RefreshToken("t".repeat(257))), is("invalid_request"));
    }

    private static String refused(Runnable construction) {
        ApiException e = assertThrows(ApiException.class, construction::run);
        assertThat(e.status().code(), is(400));
        return e.code();
    }
}
