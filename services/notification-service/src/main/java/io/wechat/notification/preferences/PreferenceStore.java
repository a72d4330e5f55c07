package io.wechat.notification.preferences;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.wechat.kit.web.Times;
import io.wechat.kit.storage.Items;
import io.wechat.notification.storage.Keys;
import io.wechat.notification.storage.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A user's mutes ({@code USER#<userId>} / {@code MUTE#<conversationId>}, with {@code until} or forever)
 * and settings ({@code USER#<userId>} / {@code SETTINGS}).
 */
public final class PreferenceStore {
    /** A timed mute's item outlives its end a little; TTL deletion is lazy, so reads check {@code until}. */
    static final Duration MUTE_ITEM_GRACE = Duration.ofDays(1);
    private final DynamoDbClient dynamo;
    private final String table;

    public PreferenceStore(DynamoDbClient dynamo, Table table) {
        this.dynamo = dynamo;
        this.table = table.name();
    }

    void mute(String userId, String conversationId, Optional<Instant> until, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.item(Keys.userPk(userId), Keys.muteSk(conversationId)));
        item.put("conversation_id", AttributeValue.fromS(conversationId));
        item.put("muted_at", AttributeValue.fromS(Times.format(now)));
        until.ifPresent(end -> {
            item.put("until", AttributeValue.fromS(Times.format(end)));
            item.put("expires_at", Items.n(end.plus(MUTE_ITEM_GRACE).getEpochSecond()));
        });
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    void unmute(String userId, String conversationId) {
        dynamo.deleteItem(b -> b.tableName(table).key(Keys.item(Keys.userPk(userId), Keys.muteSk(conversationId))));
    }

    /** The mute of this conversation, if any: empty {@code until} means forever. */
    Optional<Mute> mute(String userId, String conversationId) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(muteKey(userId, conversationId))).item();
        return muteFrom(item);
    }

    public PreviewMode previewMode(String userId) {
        return previewModeFrom(dynamo.getItem(b -> b.tableName(table).key(settingsKey(userId))).item());
    }

    /** The key of a user's mute of a conversation, for a BatchGetItem. */
    public static Map<String, AttributeValue> muteKey(String userId, String conversationId) {
        return Keys.item(Keys.userPk(userId), Keys.muteSk(conversationId));
    }

    /** The key of a user's settings, for a BatchGetItem. */
    public static Map<String, AttributeValue> settingsKey(String userId) {
        return Keys.item(Keys.userPk(userId), Keys.SETTINGS_SK);
    }

    /** The mute a mute item holds; empty for no item. */
    public static Optional<Mute> muteFrom(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String conversationId = Items.str(item, "sk").substring(Keys.MUTE_PREFIX.length());
        return Optional.of(new Mute(conversationId, Optional.ofNullable(Items.str(item, "until")).map(Instant::parse)));
    }

    /** The preview mode a settings item holds; the default for no item. */
    public static PreviewMode previewModeFrom(Map<String, AttributeValue> item) {
        return item == null ? PreviewMode.DEFAULT
                : PreviewMode.of(Items.str(item, "preview_mode")).orElse(PreviewMode.DEFAULT);
    }

    void setPreviewMode(String userId, PreviewMode mode) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.item(Keys.userPk(userId), Keys.SETTINGS_SK));
        item.put("preview_mode", AttributeValue.fromS(mode.wire()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }
}
