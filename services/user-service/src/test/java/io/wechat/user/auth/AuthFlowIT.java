package io.wechat.user.auth;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.wechat.kit.testing.Api;
import io.wechat.user.testing.TestService;
import io.wechat.user.testing.TestUser;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

class AuthFlowIT {
    private final TestService service = TestService.get();
    private final Api api = service.api();

    @Test
    void registerThenLoginCaseInsensitively() {
        String username = TestUser.uniqueUsername("Reg");
        Api.Response registered = api.post("/auth/register", null, """
                {"username":"%s","password":"password123","displayName":" Ann "}""".formatted(username.toUpperCase()));

        assertThat(registered.toString(), registered.status(), is(201));
        assertThat(registered.body().path("username").asText(), is(username));
        assertThat(registered.body().path("displayName").asText(), is("Ann"));
        assertThat(registered.header("Location"), is("/users/" + registered.body().path("userId").asText()));

        Api.Response login = api.post("/auth/login", null, """
                {"username":"%s","password":"password123"}""".formatted(username.toUpperCase()));
        assertThat(login.toString(), login.status(), is(200));
        assertThat(login.body().path("tokenType").asText(), is("Bearer"));
        assertThat(login.body().path("expiresIn").asLong(), is(900L));
        assertThat(login.header("Cache-Control"), is("no-store"));
    }

    @Test
    void takenUsernameIsAConflictWhateverTheCase() {
        TestUser user = TestUser.register(api, "dup");
        Api.Response again = api.post("/auth/register", null, """
                {"username":"%s","password":"password123","displayName":"Other"}""".formatted(user.username().toUpperCase()));
        assertThat(again.toString(), again.status(), is(409));
        assertThat(again.errorCode(), is("username_taken"));
    }

    @Test
    void invalidRegistrationsAre400() {
        assertThat(api.post("/auth/register", null, "{\"username\":\"ab\",\"password\":\"password123\",\"displayName\":\"x\"}")
                           .errorCode(), is("invalid_username"));
        assertThat(api.post("/auth/register", null, "{\"username\":\"abc_ok\",\"password\":\"short\",\"displayName\":\"x\"}")
                           .errorCode(), is("invalid_password"));
        assertThat(api.post("/auth/register", null, "{\"username\":\"abc_ok\",\"password\":\"password123\",\"displayName\":\"\"}")
                           .errorCode(), is("invalid_display_name"));
        assertThat(api.post("/auth/register", null, "{\"username\":\"abc_ok\",\"password\":\"password123\"}").status(), is(400));
        assertThat(api.post("/auth/register", null, "{\"username\":[],\"password\":\"password123\",\"displayName\":\"x\"}")
                           .status(), is(400));
    }

    @Test
    void unknownUserAndWrongPasswordFailAlike() {
        TestUser user = TestUser.register(api, "cred");
        Api.Response wrongPassword = api.post("/auth/login", null, """
                {"username":"%s","password":"wrong password"}""".formatted(user.username()));
        Api.Response unknownUser = api.post("/auth/login", null, """
                {"username":"%s","password":"wrong password"}""".formatted(TestUser.uniqueUsername("nobody")));

        assertThat(wrongPassword.status(), is(401));
        assertThat(unknownUser.status(), is(401));
        assertThat(wrongPassword.body(), is(unknownUser.body()));
        assertThat(wrongPassword.errorCode(), is("invalid_credentials"));
    }

    @Test
    void refreshRotatesAndReuseRevokesTheFamily() {
        TestUser user = TestUser.register(api, "rot");

        Api.Response first = refresh(user.refreshToken());
        assertThat(first.toString(), first.status(), is(200));
        String second = first.body().path("refreshToken").asText();
        assertThat(second, not(user.refreshToken()));
        assertThat(api.get("/users/me", first.body().path("accessToken").asText()).status(), is(200));

        Api.Response replay = refresh(user.refreshToken());
        assertThat(replay.status(), is(401));
        assertThat(replay.errorCode(), is("refresh_token_reused"));

        Api.Response afterRevocation = refresh(second);
        assertThat(afterRevocation.status(), is(401));
        assertThat(afterRevocation.errorCode(), is("invalid_refresh_token"));
    }

    @Test
    void refreshingNeverExtendsTheSessionsAbsoluteLifetime() {
        TestUser user = TestUser.register(api, "life");
        String family = "user-service:refresh-family:"
                + service.redis().hget("user-service:refresh:" + RefreshTokens.hash(user.refreshToken()), "familyId");
        assertThat(service.redis().ttl(family), greaterThan(Duration.ofDays(89).toSeconds()));
        service.redis().expire(family, 100);

        Api.Response refreshed = refresh(user.refreshToken());
        assertThat(refreshed.toString(), refreshed.status(), is(200));
        String next = "user-service:refresh:" + RefreshTokens.hash(refreshed.body().path("refreshToken").asText());
        assertThat(service.redis().ttl(family), lessThanOrEqualTo(100L));
        assertThat(service.redis().ttl(next), lessThanOrEqualTo(100L));

        service.redis().del(family);
        assertThat(refresh(refreshed.body().path("refreshToken").asText()).errorCode(), is("invalid_refresh_token"));
    }

    @Test
    void otherSessionsSurviveAReuseInOneFamily() {
        TestUser user = TestUser.register(api, "fam");
        String otherSession = api.post("/auth/login", null, """
                {"username":"%s","password":"%s"}""".formatted(user.username(), user.password()))
                .body().path("refreshToken").asText();

        assertThat(refresh(user.refreshToken()).status(), is(200));
        assertThat(refresh(user.refreshToken()).errorCode(), is("refresh_token_reused"));

        assertThat(refresh(otherSession).status(), is(200));
    }

    @Test
    void logoutEndsTheSession() {
        TestUser user = TestUser.register(api, "out");
        Api.Response logout = api.post("/auth/logout", null, "{\"refreshToken\":\"%s\"}".formatted(user.refreshToken()));
        assertThat(logout.status(), is(204));
        assertThat(refresh(user.refreshToken()).status(), is(401));
        assertThat(api.post("/auth/logout", null, "{\"refreshToken\":\"unknown\"}").status(), is(204));
        assertThat(refresh("garbage").errorCode(), is("invalid_refresh_token"));
    }

    @Test
    void repeatedFailuresMakeThatAddressWaitForThatUsernameWithRetryAfter() {
        TestUser user = TestUser.register(api, "thr");
        Api guesser = service.api();
        for (int i = 0; i < 6; i++) {
            assertThat(login(guesser, user.username(), "wrong password").status(), is(401));
        }
        Api.Response waiting = login(guesser, user.username(), user.password());
        assertThat(waiting.status(), is(429));
        assertThat(waiting.errorCode(), is("too_many_requests"));
        assertThat(Integer.parseInt(waiting.header("Retry-After")), greaterThan(0));
    }

    @Test
    void aStrangersFailuresNeverLockTheOwnerOut() {
        TestUser owner = TestUser.register(api, "own");
        Api stranger = service.api();
        for (int i = 0; i < 12; i++) {
            login(stranger, owner.username(), "wrong password");
        }
        assertThat(login(stranger, owner.username(), owner.password()).status(), is(429));

        Api.Response fromTheOwnersAddress = login(service.api(), owner.username(), owner.password());
        assertThat(fromTheOwnersAddress.toString(), fromTheOwnersAddress.status(), is(200));
    }

    @Test
    void eachFailureBeyondTheFreeOnesWaitsLonger() {
        TestUser user = TestUser.register(api, "grow");
        String guesserAddress = TestService.newClientAddress();
        Api guesser = service.api(guesserAddress);
        for (int i = 0; i < 6; i++) {
            assertThat(login(guesser, user.username(), "wrong password").status(), is(401));
        }
        int firstWait = Integer.parseInt(login(guesser, user.username(), "wrong password").header("Retry-After"));

        service.redis().del("user-service:login:pair-lock:" + user.username() + "|" + guesserAddress);
        assertThat(login(guesser, user.username(), "wrong password").status(), is(401));
        Api.Response second = login(guesser, user.username(), "wrong password");

        assertThat(second.status(), is(429));
        assertThat(Integer.parseInt(second.header("Retry-After")), greaterThan(firstWait));
    }

    @Test
    void aForgedForwardedForDoesNotMakeANewAddress() {
        Api sprayer = service.api();
        Api.Response last = null;
        for (int i = 0; i < 21; i++) {
            String forged = "203.0.113." + i;
            last = sprayer.call("POST", "/auth/login", null, """
                    {"username":"%s","password":"wrong password"}""".formatted(TestUser.uniqueUsername("spray")),
                                "X-Forwarded-For", forged + ", " + forged);
        }
        assertThat(last.toString(), last.status(), is(429));
    }

    @Test
    void concurrentGuessesAreCountedAtomically() throws Exception {
        TestUser user = TestUser.register(api, "race");
        Api guesser = service.api();
        List<Callable<Integer>> guesses = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            guesses.add(() -> login(guesser, user.username(), "wrong password").status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            for (Future<Integer> status : pool.invokeAll(guesses)) {
                statuses.add(status.get());
            }
        }
        // The five free failures and the one that starts the first wait reach the password check; no more.
        assertThat(statuses.toString(), statuses.stream().filter(s -> s == 401).count(), lessThanOrEqualTo(6L));
        assertThat(statuses.stream().filter(s -> s == 429).count(), greaterThanOrEqualTo(18L));
    }

    @Test
    void moreConcurrentLoginsThanPasswordHashSlotsAllSucceed() throws Exception {
        List<Callable<Integer>> logins = new ArrayList<>();
        for (int i = 0; i <= PasswordHasher.CONCURRENT_HASHES; i++) {
            TestUser user = TestUser.register(api, "slots");
            Api client = service.api();
            logins.add(() -> login(client, user.username(), user.password()).status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(logins.size())) {
            for (Future<Integer> status : pool.invokeAll(logins)) {
                statuses.add(status.get());
            }
        }
        assertThat(statuses.toString(), statuses.stream().allMatch(s -> s == 200), is(true));
    }

    @Test
    void twentyFailuresFromOneAddressLockTheAddress() {
        Api attacker = service.api();
        for (int i = 0; i < 20; i++) {
            assertThat(login(attacker, TestUser.uniqueUsername("spray"), "wrong password").status(), is(401));
        }
        TestUser victim = TestUser.register(service.api(), "vic");
        assertThat(login(attacker, victim.username(), victim.password()).status(), is(429));
        assertThat(login(service.api(), victim.username(), victim.password()).status(), is(200));
    }

    @Test
    void tamperedExpiredAndForeignTokensAre401() throws Exception {
        TestUser user = TestUser.register(api, "tok");
        String[] parts = user.accessToken().split("\\.");
        String otherPayload = TestUser.register(api, "tok2").accessToken().split("\\.")[1];
        SigningKey key = SigningKey.fromPkcs8Pem(Files.readString(service.signingKeyFile()));
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        String expired = new AccessTokens(key, TestService.ISSUER, TestService.AUDIENCE, Duration.ofMinutes(15), past)
                .issue(user.id(), UUID.randomUUID(), List.of("user")).token();
        String wrongAudience = new AccessTokens(key, TestService.ISSUER, "other-app", Duration.ofMinutes(15),
                                                Clock.systemUTC()).issue(user.id(), UUID.randomUUID(), List.of("user")).token();

        for (String bad : new String[] {parts[0] + "." + otherPayload + "." + parts[2], expired, wrongAudience,
                "not.a.jwt"}) {
            Api.Response res = api.get("/users/me", bad);
            assertThat(res.toString(), res.status(), is(401));
            assertThat(res.errorCode(), is("invalid_token"));
            assertThat(res.header("WWW-Authenticate").startsWith("Bearer"), is(true));
        }
        assertThat(api.get("/users/me", null).errorCode(), is("missing_token"));
        assertThat(api.call("GET", "/users/me", null, null, "Authorization", "Basic Zm9vOmJhcg==").status(), is(401));
    }

    @Test
    void issuedTokensVerifyAgainstThePublishedJwks() throws Exception {
        TestUser user = TestUser.register(api, "jwks");
        Api.Response discovery = api.get("/.well-known/openid-configuration", null);
        assertThat(discovery.body().path("issuer").asText(), is(TestService.ISSUER));
        assertThat(discovery.body().path("jwks_uri").asText(), is(TestService.ISSUER + "/.well-known/jwks.json"));

        JWKSet jwks = JWKSet.parse(api.get("/.well-known/jwks.json", null).text());
        assertThat(jwks.getKeys().getFirst().isPrivate(), is(false));
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)));
        JWTClaimsSet claims = processor.process(user.accessToken(), null);

        assertThat(UUID.fromString(claims.getSubject()), is(user.id()));
        assertThat(claims.getIssuer(), is(TestService.ISSUER));
        assertThat(claims.getAudience().getFirst(), is(TestService.AUDIENCE));
    }

    private Api.Response refresh(String token) {
        return api.post("/auth/refresh", null, "{\"refreshToken\":\"%s\"}".formatted(token));
    }

    private static Api.Response login(Api client, String username, String password) {
        return client.post("/auth/login", null, "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, password));
    }
}
