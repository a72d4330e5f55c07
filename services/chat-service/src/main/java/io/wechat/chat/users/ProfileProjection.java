package io.wechat.chat.users;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The little chat-service needs of a user's profile (username, display name), as learned from user-service's
 * user.registered and user.profile-updated events, kept in chat-service's own conversations table
 * ({@code USER#<userId>} / {@code PROFILE}). Each item remembers the {@code occurredAt} of the event that set it,
 * so a late or repeated event never undoes a newer one. It lets a send name its sender without calling
 * user-service, which a WebSocket send (no token to forward) could not do.
 */
public final class ProfileProjection {
    /** Sorts after every ISO-8601 time, so no profile event dated after a deletion overwrites it. */
    private static final String DELETED_FOR_GOOD = "9999-12-31T23:59:59.999Z";
    private final DynamoDbClient dynamo;
    private final String table;

    public ProfileProjection(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The projected profile, empty when no event about the user arrived yet. */
    public Optional<UserProfile> find(String userId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key(userId))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UserProfile(userId, text(item, "username"), text(item, "display_name"), null, null));
    }

    /**
     * Records the profile as of {@code occurredAt} (ISO-8601 UTC, as in the event envelope); false when a newer
     * state is stored. A null username or display name is stored as absent.
     */
    public boolean record(String userId, String username, String displayName, String occurredAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(userId));
        if (username != null && !username.isBlank()) {
            item.put("username", AttributeValue.fromS(username));
        }
        if (displayName != null && !displayName.isBlank()) {
            item.put("display_name", AttributeValue.fromS(displayName));
        }
        item.put("changed_at", AttributeValue.fromS(occurredAt));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR changed_at < :at")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(occurredAt))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * The user deleted their account: the projection forgets the username and shows {@link UserProfile#DELETED_NAME}
     * from now on; no later-dated profile event can bring the old name back, and an older one is dropped as ever.
     */
    public void recordDeleted(String userId) {
        Map<String, AttributeValue> item = new HashMap<>(key(userId));
        item.put("display_name", AttributeValue.fromS(UserProfile.DELETED_NAME));
        item.put("deleted", AttributeValue.fromBool(true));
        item.put("changed_at", AttributeValue.fromS(DELETED_FOR_GOOD));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    static Map<String, AttributeValue> key(String userId) {
        return Map.of("pk", AttributeValue.fromS("USER#" + userId), "sk", AttributeValue.fromS("PROFILE"));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
