package io.wechat.user.pact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import au.com.dius.pact.provider.MessageAndMetadata;
import au.com.dius.pact.provider.PactVerifyProvider;
import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.MessageTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.IgnoreNoPactsToVerify;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.testing.Api;
import io.wechat.user.testing.TestService;
import io.wechat.user.testing.TestUser;
import io.wechat.user.web.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Verifies every pact in {@code contracts/} that names user-service as provider (run by {@code make contracts};
 * {@code -Dpact.folder=DIR} reads another folder). HTTP interactions go to the real service started in-process
 * against PostgreSQL, Redis and the AWS emulator; provider states create real users and answer their ids and an
 * access token to the pact's provider-state expressions. Messages are the events the service itself wrote to its
 * outbox while acting out the provider state through its API, as its relay published them to SNS (body and message
 * attributes) and a subscribed queue received them.
 */
@Provider("user-service")
@PactFolder("${pact.folder:../../contracts}")
@IgnoreNoPactsToVerify
class UserServicePactVerificationTest {
    /** The event the last message state produced: its outbox row (id, type, body). */
    private static Map<String, Object> lastEvent;

    @BeforeEach
    void target(PactVerificationContext context) {
        // Each message state sets its own event: one that produced none must not verify the previous state's.
        lastEvent = null;
        if (context == null) {
            return;
        }
        if (context.getInteraction().isSynchronousRequestResponse()) {
            context.setTarget(new HttpTestTarget("127.0.0.1", service().port()));
        } else {
            context.setTarget(new MessageTestTarget(List.of(getClass().getPackageName())));
        }
    }

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void verify(PactVerificationContext context) {
        if (context == null) {
            return; // no pact names user-service
        }
        context.verifyInteraction();
    }

    // ---- provider states -------------------------------------------------------------------------------------

    @State("user u-2 exists")
    Map<String, Object> userExists() {
        return Map.of("userId", users().bob().id().toString(), "token", users().caller().accessToken());
    }

    @State("user u-404 does not exist")
    Map<String, Object> userDoesNotExist() {
        return Map.of("userId", UUID.randomUUID().toString(), "token", users().caller().accessToken());
    }

    @State("an admin and user u-2 exist")
    Map<String, Object> adminAndUser() {
        TestUser user = TestUser.register(api(), "pacttodisable");
        return Map.of("userId", user.id().toString(), "token", users().admin().accessToken());
    }

    @State("an admin exists and user u-404 does not")
    Map<String, Object> adminAndNoUser() {
        return Map.of("userId", UUID.randomUUID().toString(), "token", users().admin().accessToken());
    }

    @State("user u-1 blocks user u-2")
    void userBlocks() {
        TestUser blocker = users().blocker();
        String path = "/blocks/" + users().blocked().id();
        assertThat(api().delete(path, blocker.accessToken()).status(), is(204));
        assertThat(api().post(path, blocker.accessToken(), null).status(), is(204));
        lastEvent = outboxEvent("user.blocked", blocker.id());
    }

    @State("user u-1 unblocks user u-2")
    void userUnblocks() {
        TestUser blocker = users().blocker();
        String path = "/blocks/" + users().blocked().id();
        assertThat(api().post(path, blocker.accessToken(), null).status(), is(204));
        assertThat(api().delete(path, blocker.accessToken()).status(), is(204));
        lastEvent = outboxEvent("user.unblocked", blocker.id());
    }

    @State("user u-2 updates their profile")
    void userUpdatesProfile() {
        TestUser bob = users().bob();
        assertThat(api().patch("/users/me", bob.accessToken(), "{\"statusMessage\":\"on a pact\"}").status(), is(200));
        lastEvent = service().jdbi().withHandle(h -> h.createQuery("""
                        select id, type, body from outbox
                        where type = 'user.profile-updated' and body::jsonb -> 'payload' ->> 'userId' = :user
                        order by created_at desc limit 1""")
                .bind("user", bob.id().toString())
                .mapToMap()
                .one());
    }

    @State("user u-2 registers")
    void userRegisters() {
        TestUser newcomer = TestUser.register(api(), "pactnewcomer");
        lastEvent = service().jdbi().withHandle(h -> h.createQuery("""
                        select id, type, body from outbox
                        where type = 'user.registered' and body::jsonb -> 'payload' ->> 'userId' = :user
                        order by created_at desc limit 1""")
                .bind("user", newcomer.id().toString())
                .mapToMap()
                .one());
    }

    @State("an admin disables user u-2")
    void adminDisables() {
        TestUser user = TestUser.register(api(), "pactdisabled");
        assertThat(api().post("/admin/users/" + user.id() + "/disable", users().admin().accessToken(),
                              "{\"reason\":\"spam\"}").status(), is(200));
        lastEvent = outboxEventOf("user.disabled", user.id());
    }

    @State("an admin enables user u-2")
    void adminEnables() {
        TestUser user = TestUser.register(api(), "pactenabled");
        String admin = users().admin().accessToken();
        assertThat(api().post("/admin/users/" + user.id() + "/disable", admin, "{\"reason\":\"spam\"}").status(),
                   is(200));
        assertThat(api().post("/admin/users/" + user.id() + "/enable", admin, null).status(), is(200));
        lastEvent = outboxEventOf("user.enabled", user.id());
    }

    @State("user u-2 signs out")
    void userSignsOut() {
        TestUser user = TestUser.register(api(), "pactsignedout");
        assertThat(api().post("/auth/logout", null, "{\"refreshToken\":\"" + user.refreshToken() + "\"}").status(),
                   is(204));
        lastEvent = outboxEventOf("user.signedOut", user.id());
    }

    @State("user u-2 deletes their account")
    void userDeletesTheirAccount() {
        TestUser user = TestUser.register(api(), "pactdeleted");
        assertThat(api().call("DELETE", "/users/me", user.accessToken(), "{\"password\":\"" + user.password() + "\"}")
                           .status(), is(204));
        lastEvent = outboxEventOf("user.deleted", user.id());
    }

    /** Users registered once per run (registration hashes passwords: slow on purpose). */
    private record Users(TestUser caller, TestUser bob, TestUser blocker, TestUser blocked, TestUser admin) {
    }

    private static Users users;

    private static synchronized Users users() {
        if (users == null) {
            users = new Users(TestUser.register(api(), "pactcaller"), TestUser.register(api(), "pactbob"),
                              TestUser.register(api(), "pactblocker"), TestUser.register(api(), "pactblocked"),
                              admin(TestUser.register(api(), "pactadmin")));
        }
        return users;
    }

    // ---- messages: what the service published while acting out the state -------------------------------------

    @PactVerifyProvider("a user.blocked event")
    MessageAndMetadata userBlocked() {
        return published("user.blocked");
    }

    @PactVerifyProvider("a user.unblocked event")
    MessageAndMetadata userUnblocked() {
        return published("user.unblocked");
    }

    @PactVerifyProvider("a user.registered event")
    MessageAndMetadata userRegistered() {
        return published("user.registered");
    }

    @PactVerifyProvider("a user.profile-updated event")
    MessageAndMetadata userProfileUpdated() {
        return published("user.profile-updated");
    }

    @PactVerifyProvider("a user.disabled event")
    MessageAndMetadata userDisabled() {
        return published("user.disabled");
    }

    @PactVerifyProvider("a user.enabled event")
    MessageAndMetadata userEnabled() {
        return published("user.enabled");
    }

    @PactVerifyProvider("a user.signedOut event")
    MessageAndMetadata userSignedOut() {
        return published("user.signedOut");
    }

    @PactVerifyProvider("a user.deleted event")
    MessageAndMetadata userDeleted() {
        return published("user.deleted");
    }

    /** The user with the admin role (granted by the operator command) and a token that carries it. */
    private static TestUser admin(TestUser user) {
        assertThat(api().post("/events", null, "{\"adminRole\":{\"username\":\"" + user.username() + "\",\"grant\":true}}")
                           .status(), is(200));
        Api.Response login = api().post("/auth/login", null, "{\"username\":\"%s\",\"password\":\"%s\"}"
                .formatted(user.username(), user.password()));
        return new TestUser(user.id(), user.username(), user.password(), user.displayName(),
                            login.body().path("accessToken").asText(), login.body().path("refreshToken").asText());
    }

    private static Map<String, Object> outboxEventOf(String type, UUID userId) {
        return service().jdbi().withHandle(h -> h.createQuery("""
                        select id, type, body from outbox
                        where type = :type and body::jsonb -> 'payload' ->> 'userId' = :user
                        order by created_at desc limit 1""")
                .bind("type", type)
                .bind("user", userId.toString())
                .mapToMap()
                .one());
    }

    /**
     * The outbox row's event as the service's relay published it to SNS and a subscribed queue received it: the body
     * and every message attribute the production publisher set, as metadata (plus Pact's own {@code contentType},
     * which tells it how to read the body).
     */
    private static MessageAndMetadata published(String type) {
        assertThat("the provider state produced an event", lastEvent, is(notNullValue()));
        assertThat("the provider state produced a " + type + " event", lastEvent.get("type"), is(type));
        JsonNode outboxBody = tree((String) lastEvent.get("body"));
        TestService.Published published = service().awaitPublished(outboxBody::equals, Duration.ofSeconds(30));
        Map<String, Object> metadata = new HashMap<>(published.attributes());
        metadata.put("contentType", "application/json");
        return new MessageAndMetadata(published.body().getBytes(StandardCharsets.UTF_8), metadata);
    }

    private static Map<String, Object> outboxEvent(String type, UUID blockerId) {
        return service().jdbi().withHandle(h -> h.createQuery("""
                        select id, type, body from outbox
                        where type = :type and body::jsonb -> 'payload' ->> 'blockerId' = :blocker
                        order by created_at desc limit 1""")
                .bind("type", type)
                .bind("blocker", blockerId.toString())
                .mapToMap()
                .one());
    }

    // ---- plumbing --------------------------------------------------------------------------------------------

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TestService service() {
        return TestService.get();
    }

    private static Api api() {
        return service().api();
    }
}
