package io.wechat.chat.reports;

import java.time.Clock;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.chat.admin.AdminHttp;
import io.wechat.chat.admin.AuditLog;
import io.wechat.chat.conversations.ConversationService;
import io.wechat.chat.conversations.ConversationStore;
import io.wechat.chat.messages.MessageStore;
import io.wechat.chat.moderation.MessageRemoval;
import io.wechat.chat.users.UserDirectory;
import io.wechat.kit.auth.Authenticator;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;
import io.wechat.kit.web.Paging;
import io.wechat.kit.web.Responses;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code POST /reports} (any user) and {@code GET /admin/reports}, {@code POST /admin/reports/{reportId}/resolve}
 * (the admin scope, checked again behind the gateway's).
 */
public final class ReportsHttp implements HttpService {
    private final Authenticator auth;
    private final ReportService reports;

    public ReportsHttp(Authenticator auth, DynamoDbClient dynamo, String moderationTable, ConversationService conversations,
                       ConversationStore conversationStore, MessageStore messages, MessageRemoval removal,
                       UserAccounts accounts, UserDirectory users, AuditLog audit, Clock clock) {
        this.auth = auth;
        this.reports = new ReportService(new ReportStore(dynamo, moderationTable), conversations, conversationStore,
                messages, removal, accounts, users, audit, clock);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/reports", this::report)
                .get("/admin/reports", this::list)
                .post("/admin/reports/{reportId}/resolve", this::resolve);
    }

    private void report(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        var request = Json.read(req, ReportRequestBodies.CreateReport.class);
        Responses.json(res, Status.CREATED_201, reports.report(caller, request));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller admin = auth.requireScope(req, AdminHttp.SCOPE);
        String status = req.query().first("status").orElse(Report.OPEN);
        if (!Report.OPEN.equals(status) && !Report.RESOLVED.equals(status)) {
            throw ApiException.badRequest("invalid_status", "status must be open or resolved");
        }
        Responses.json(res, Status.OK_200, reports.page(admin, status, Paging.of(req)));
    }

    private void resolve(ServerRequest req, ServerResponse res) {
        Caller admin = auth.requireScope(req, AdminHttp.SCOPE);
        var request = Json.read(req, ReportRequestBodies.ResolveReport.class);
        Responses.json(res, Status.OK_200, reports.resolve(admin, req.path().pathParameters().get("reportId"), request));
    }
}
