package io.wechat.user.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wechat.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProfileUpdateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void absentFieldsKeepTheirValues() {
        ProfileUpdate update = ProfileUpdate.fromJson(json("{}"));
        assertThat(update.displayName().applyTo("Alice"), is("Alice"));
        assertThat(update.avatarMediaId().applyTo("m-1"), is("m-1"));
        assertThat(update.statusMessage().applyTo("busy"), is("busy"));
    }

    @Test
    void presentFieldsAreValidatedAndSet() {
        ProfileUpdate update = ProfileUpdate.fromJson(json("""
                {"displayName": "  Bob  ", "avatarMediaId": "m-2", "statusMessage": " away "}"""));
        assertThat(update.displayName().applyTo("Alice"), is("Bob"));
        assertThat(update.avatarMediaId().applyTo("m-1"), is("m-2"));
        assertThat(update.statusMessage().applyTo("busy"), is("away"));
    }

    @Test
    void nullClearsTheAvatarAndTheStatusMessage() {
        ProfileUpdate update = ProfileUpdate.fromJson(json("{\"avatarMediaId\": null, \"statusMessage\": null}"));
        assertThat(update.avatarMediaId().applyTo("m-1"), is(nullValue()));
        assertThat(update.statusMessage().applyTo("busy"), is(nullValue()));
        assertThat(update.displayName().applyTo("Alice"), is("Alice"));
    }

    @Test
    void aDisplayNameCannotBeCleared() {
        assertThat(refused("{\"displayName\": null}"), is("invalid_request"));
    }

    @Test
    void fieldsAreStringsOrNull() {
        assertThat(refused("{\"displayName\": 7}"), is("invalid_request"));
        assertThat(refused("{\"avatarMediaId\": {\"id\": \"m-1\"}}"), is("invalid_request"));
        assertThat(refused("{\"statusMessage\": [\"busy\"]}"), is("invalid_request"));
        assertThat(refused("{\"avatarMediaId\": \"../etc/passwd\"}"), is("invalid_avatar_media_id"));
    }

    private static String refused(String body) {
        ApiException e = assertThrows(ApiException.class, () -> ProfileUpdate.fromJson(json(body)));
        assertThat(e.status().code(), is(400));
        return e.code();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
