package io.wechat.chat.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.wechat.kit.storage.Items;
import io.wechat.chat.storage.Keys;
import io.wechat.kit.web.Cursor;
import io.wechat.kit.web.Paging;
import io.wechat.kit.web.Paging.Page;
import io.wechat.kit.web.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The append-only log of admin actions, in the moderation table: one item per action under the partition
 * {@code AUDIT}, sorted by {@code <at>#<auditId>} (admin actions are few: one partition serves them). There is no
 * way to change or delete an entry here, and the service's IAM role may not either (Terraform). An entry is written
 * once: appending an id that exists does nothing, so an action derived from an event that arrives twice is
 * logged once.
 */
public final class AuditLog {
    static final String PK = "AUDIT";
    private static final String CURSOR_KIND = "audit";

    private final DynamoDbClient dynamo;
    private final String table;

    public AuditLog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** What admins do: the wire names of {@code GET /admin/audit}. */
    public enum Action {
        MESSAGE_REMOVE("message.remove", "message"), REPORT_RESOLVE("report.resolve", "report"),
        USER_DISABLE("user.disable", "user"), USER_ENABLE("user.enable", "user");

        private final String wire;
        private final String targetType;

        Action(String wire, String targetType) {
            this.wire = wire;
            this.targetType = targetType;
        }
    }

    /** One entry as {@code GET /admin/audit} answers it. */
    public record Entry(String auditId, String actorId, String action, String targetType, String targetId,
                        String reason, String at) {
        public Entry {
            Objects.requireNonNull(auditId, "auditId");
            Objects.requireNonNull(actorId, "actorId");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(targetId, "targetId");
        }
    }

    /** Logs an action done now by a request. */
    public Entry append(String actorId, Action action, String targetId, String reason, Instant at) {
        return append(UUID.randomUUID().toString(), actorId, action, targetId, reason, at);
    }

    /** Logs an action under a given id (derived from the event that reported it): once, however often it is called. */
    public Entry append(String auditId, String actorId, Action action, String targetId, String reason, Instant at) {
        Entry entry = new Entry(auditId, actorId, action.wire, action.targetType, targetId, reason, Times.format(at));
        Map<String, AttributeValue> item = new HashMap<>(Keys.item(PK, entry.at() + "#" + auditId));
        item.put("audit_id", Items.s(auditId));
        item.put("actor_id", Items.s(actorId));
        item.put("action", Items.s(entry.action()));
        item.put("target_type", Items.s(entry.targetType()));
        item.put("target_id", Items.s(targetId));
        if (reason != null) {
            item.put("reason", Items.s(reason));
        }
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            // Logged already (the same event again).
        }
        return entry;
    }

    /** Newest first. */
    public Page<Entry> page(Paging paging) {
        var request = QueryRequest.builder().tableName(table).scanIndexForward(false).limit(paging.limit())
                .keyConditionExpression("pk = :pk");
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", Items.s(PK)));
        if (paging.cursor().isPresent()) {
            String before = Cursor.decode(paging.cursor().get(), CURSOR_KIND, "s").get("s");
            request.keyConditionExpression("pk = :pk AND sk < :before");
            values.put(":before", Items.s(before));
        }
        var response = dynamo.query(request.expressionAttributeValues(values).build());
        List<Entry> entries = new ArrayList<>();
        for (var item : response.items()) {
            entries.add(new Entry(Items.str(item, "audit_id"), Items.str(item, "actor_id"), Items.str(item, "action"),
                    Items.str(item, "target_type"), Items.str(item, "target_id"), Items.str(item, "reason"),
                    Items.str(item, "sk").substring(0, Items.str(item, "sk").indexOf('#'))));
        }
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Cursor.encode(CURSOR_KIND, Map.of("s", Items.str(response.lastEvaluatedKey(), "sk"))) : null;
        return new Page<>(entries, next);
    }
}
