package io.wechat.chat.events;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;

import io.wechat.kit.storage.Items;
import io.wechat.chat.storage.Keys;
import io.wechat.chat.storage.Tables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The ids of consumed events, kept as long as SQS may redeliver them (14 days). */
public final class ProcessedEvents {
    static final Duration RETENTION = Duration.ofDays(14);
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public ProcessedEvents(DynamoDbClient dynamo, Tables tables, Clock clock) {
        this.dynamo = dynamo;
        this.table = tables.conversations();
        this.clock = clock;
    }

    boolean seen(String eventId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.item(Keys.eventPk(eventId), Keys.EVENT_SK))
                .consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }

    void remember(String eventId, String type) {
        var item = new HashMap<>(Keys.item(Keys.eventPk(eventId), Keys.EVENT_SK));
        item.put("type", Items.s(type));
        item.put("expires_at", Items.n(clock.instant().plus(RETENTION).getEpochSecond()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }
}
