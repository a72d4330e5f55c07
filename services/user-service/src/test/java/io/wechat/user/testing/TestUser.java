package io.wechat.user.testing;

import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.wechat.kit.testing.Api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * A freshly registered and logged-in user with a unique username, so tests can run again on the same database.
 */
public record TestUser(UUID id, String username, String password, String displayName, String accessToken,
                       String refreshToken) {
    public static final String PASSWORD = "correct horse battery";

    public static String uniqueUsername(String prefix) {
        return (prefix + "_" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36))
                .toLowerCase(Locale.ROOT);
    }

    public static TestUser register(Api api, String prefix) {
        return register(api, uniqueUsername(prefix), "User " + prefix);
    }

    public static TestUser register(Api api, String username, String displayName) {
        Api.Response registered = api.post("/auth/register", null, """
                {"username":"%s","password":"%s","displayName":"%s"}""".formatted(username, PASSWORD, displayName));
        assertThat(registered.toString(), registered.status(), is(201));
        Api.Response login = api.post("/auth/login", null, """
                {"username":"%s","password":"%s"}""".formatted(username, PASSWORD));
        assertThat(login.toString(), login.status(), is(200));
        return new TestUser(UUID.fromString(registered.body().path("userId").asText()), username, PASSWORD,
                            displayName, login.body().path("accessToken").asText(),
                            login.body().path("refreshToken").asText());
    }
}
