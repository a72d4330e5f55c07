package io.wechat.user.users;

import java.time.Clock;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wechat.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The decisions {@link GroupInvites} takes before it asks the database, which it is not given here: a value it
 * would have to write or a question it would have to ask fails the test. What it stores and reads is
 * GroupInvitesIT's, against PostgreSQL.
 */
class GroupInvitesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GroupInvites invites = new GroupInvites(null, Clock.systemUTC());

    @Test
    void theSettingIsContactsOrEveryoneAndNothingElseIsWritten() throws Exception {
        for (String body : new String[] {"{\"groupInvites\": \"nobody\"}", "{\"groupInvites\": \"Everyone\"}",
                "{\"groupInvites\": \"\"}", "{\"groupInvites\": null}", "{\"groupInvites\": 1}",
                "{\"groupInvites\": [\"contacts\"]}", "{\"groupInvites\": {\"value\": \"everyone\"}}"}) {
            ApiException refused = assertThrows(ApiException.class,
                                                () -> invites.update(UUID.randomUUID(), JSON.readTree(body)), body);
            assertThat(body, refused.status().code(), is(400));
            assertThat(body, refused.code(), is("invalid_group_invites"));
        }
    }

    @Test
    void anyoneMayAddThemselvesWithoutAskingTheirSettings() {
        UUID me = UUID.randomUUID();
        assertThat(invites.canAddToGroups(me, me), is(true));
    }
}
