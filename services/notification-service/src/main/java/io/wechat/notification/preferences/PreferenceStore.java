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
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Keys.item(Keys.userPk(userId), Keys.muteSk(conversationId)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Mute(conversationId, Optional.ofNullable(Items.str(item, "until")).map(Instant::parse)));
    }

    public boolean isMuted(String userId, String conversationId, Instant now) {
        return mute(userId, conversationId).map(m -> m.activeAt(now)).orElse(false);
    }

    public PreviewMode previewMode(String userId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.item(Keys.userPk(userId), Keys.SETTINGS_SK))).item();
        return item == null ? PreviewMode.DEFAULT
                : PreviewMode.of(Items.str(item, "preview_mode")).orElse(PreviewMode.DEFAULT);
    }

    void setPreviewMode(String userId, PreviewMode mode) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.item(Keys.userPk(userId), Keys.SETTINGS_SK));
        item.put("preview_mode", AttributeValue.fromS(mode.wire()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }
}
