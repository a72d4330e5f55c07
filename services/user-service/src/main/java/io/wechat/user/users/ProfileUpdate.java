package io.wechat.user.users;

import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.web.ApiException;

/**
 * The body of {@code PATCH /users/me}: absent fields stay, {@code null} clears avatar and status message.
 */
public record ProfileUpdate(Patch<String> displayName, Patch<String> avatarMediaId, Patch<String> statusMessage) {
    public static ProfileUpdate fromJson(JsonNode body) {
        return new ProfileUpdate(field(body, "displayName", ProfileRules::displayName),
                                 field(body, "avatarMediaId", ProfileRules::avatarMediaId),
                                 field(body, "statusMessage", ProfileRules::statusMessage));
    }

    private static Patch<String> field(JsonNode body, String name, UnaryOperator<String> validate) {
        if (!body.has(name)) {
            return Patch.keep();
        }
        JsonNode value = body.get(name);
        if (!value.isNull() && !value.isTextual()) {
            throw ApiException.badRequest("invalid_request", name + " must be a string or null");
        }
        return Patch.set(validate.apply(value.isNull() ? null : value.asText()));
    }
}
