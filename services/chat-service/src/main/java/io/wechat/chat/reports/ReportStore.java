package io.wechat.chat.reports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.wechat.kit.storage.Items;
import io.wechat.chat.storage.Keys;
import io.wechat.chat.storage.Transactions;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Cursor;
import io.wechat.kit.web.Paging;
import io.wechat.kit.web.Paging.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Reports in the moderation table. One open report per reporter and target holds under any concurrency: a report is
 * written in one transaction with a lock item ({@code REPORTLOCK#<reporter>#<target>}) that must not exist, and the
 * lock is deleted in the transaction that resolves the report.
 */
final class ReportStore {
    static final String STATUS_INDEX = "status-index";
    private static final String CURSOR_KIND = "reports";

    private final DynamoDbClient dynamo;
    private final String table;

    ReportStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Writes a new open report; 409 {@code report_exists} when its reporter has an open one on the same target. */
    void create(Report report) {
        Map<String, AttributeValue> lock = new HashMap<>(report.lockKey());
        lock.put("report_id", Items.s(report.reportId()));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(lock)
                            .conditionExpression("attribute_not_exists(pk)")).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(report.toItem())
                            .conditionExpression("attribute_not_exists(pk)")).build()));
        } catch (TransactionCanceledException e) {
            if (Transactions.failedCondition(e, 0)) {
                throw ApiException.conflict("report_exists", "You have an open report on this already");
            }
            throw e;
        }
    }

    Optional<Report> find(String reportId) {
        if (!Keys.isValidId(reportId)) {
            return Optional.empty();
        }
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.item(Report.pk(reportId), Report.SK)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Report.fromItem(item));
    }

    /**
     * Marks the open report resolved and frees its reporter to report the target again; 409 {@code report_resolved}
     * when it is not open any more (resolved meanwhile by another moderator).
     */
    Report resolve(Report report, Report.Resolution resolution) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":resolved", Items.s(Report.RESOLVED));
        values.put(":open", Items.s(Report.OPEN));
        values.put(":action", Items.s(resolution.action()));
        values.put(":by", Items.s(resolution.actorId()));
        values.put(":at", Items.s(resolution.at()));
        String set = "SET #status = :resolved, resolution_action = :action, resolved_by = :by, resolved_at = :at";
        if (resolution.note() != null) {
            values.put(":note", Items.s(resolution.note()));
            set += ", resolution_note = :note";
        }
        String update = set;
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(Keys.item(Report.pk(report.reportId()), Report.SK))
                            .updateExpression(update).conditionExpression("#status = :open")
                            .expressionAttributeNames(Map.of("#status", "status"))
                            .expressionAttributeValues(values)).build(),
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(report.lockKey())).build()));
        } catch (TransactionCanceledException e) {
            if (Transactions.failedCondition(e, 0)) {
                throw resolvedAlready();
            }
            throw e;
        }
        return new Report(report.reportId(), Report.RESOLVED, report.conversationId(), report.messageId(), report.userId(),
                report.reporterId(), report.reason(), report.createdAt(), resolution);
    }

    static ApiException resolvedAlready() {
        return ApiException.conflict("report_resolved", "This report is resolved already");
    }

    /** Reports of one status, newest first. */
    Page<Report> page(String status, Paging paging) {
        var request = QueryRequest.builder().tableName(table).indexName(STATUS_INDEX).scanIndexForward(false)
                .limit(paging.limit()).keyConditionExpression("#status = :status")
                .expressionAttributeNames(Map.of("#status", "status"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":status", Items.s(status)));
        if (paging.cursor().isPresent()) {
            Map<String, String> after = Cursor.decode(paging.cursor().get(), CURSOR_KIND, "s", "c", "r");
            if (!status.equals(after.get("s"))) {
                throw ApiException.badRequest("invalid_cursor", "The cursor belongs to another status");
            }
            request.exclusiveStartKey(Map.of("status", Items.s(status), "created_key", Items.s(after.get("c")),
                    "pk", Items.s(Report.pk(after.get("r"))), "sk", Items.s(Report.SK)));
        }
        var response = dynamo.query(request.expressionAttributeValues(values).build());
        List<Report> reports = new ArrayList<>();
        response.items().forEach(item -> reports.add(Report.fromItem(item)));
        String next = null;
        if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
            var last = response.lastEvaluatedKey();
            next = Cursor.encode(CURSOR_KIND, Map.of("s", status, "c", Items.str(last, "created_key"),
                    "r", Items.str(last, "pk").substring("REPORT#".length())));
        }
        return new Page<>(reports, next);
    }
}
