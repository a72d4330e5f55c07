package io.wechat.chat.reports;

import java.time.Clock;
import java.util.UUID;

import io.wechat.chat.admin.AuditLog;
import io.wechat.chat.conversations.ConversationService;
import io.wechat.chat.conversations.ConversationStore;
import io.wechat.chat.messages.Message;
import io.wechat.chat.messages.MessageStore;
import io.wechat.chat.moderation.MessageRemoval;
import io.wechat.chat.users.UserDirectory;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Paging;
import io.wechat.kit.web.Paging.Page;
import io.wechat.kit.web.Times;

/** Reporting (any user, about what they can see) and resolving (moderators, carrying out the action). */
final class ReportService {
    private final ReportStore store;
    private final ConversationService conversations;
    private final ConversationStore conversationStore;
    private final MessageStore messages;
    private final MessageRemoval removal;
    private final UserAccounts accounts;
    private final UserDirectory users;
    private final AuditLog audit;
    private final Clock clock;

    ReportService(ReportStore store, ConversationService conversations, ConversationStore conversationStore,
                  MessageStore messages, MessageRemoval removal, UserAccounts accounts, UserDirectory users, AuditLog audit,
                  Clock clock) {
        this.store = store;
        this.conversations = conversations;
        this.conversationStore = conversationStore;
        this.messages = messages;
        this.removal = removal;
        this.accounts = accounts;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** A report as answered: the reported message as it is now, and names. */
    record ReportView(String reportId, String status, String conversationId, String messageId, String userId,
                      ReportedMessage message, Person reporter, String reason, String createdAt,
                      Report.Resolution resolution) {
    }

    record ReportedMessage(String text, String senderId, String senderName, boolean removed) {
    }

    record Person(String userId, String name) {
    }

    /**
     * A report by {@code caller} on a message or a member of one of their conversations; whatever the caller cannot
     * see answers 404 as if it did not exist.
     */
    ReportView report(Caller caller, ReportRequestBodies.CreateReport request) {
        conversations.requireMember(caller.userId(), request.conversationId());
        String reported = request.userId();
        if (request.messageId() != null) {
            Message message = messages.findById(request.conversationId(), request.messageId())
                    .orElseThrow(() -> ApiException.notFound("message_not_found", "No such message"));
            if (reported != null && !reported.equals(message.senderId())) {
                throw ApiException.badRequest("invalid_target", "userId must be the sender of the reported message");
            }
            reported = message.senderId();
        } else if (conversationStore.member(request.conversationId(), reported).isEmpty()) {
            throw ApiException.notFound("user_not_found", "No such user");
        }
        if (reported.equals(caller.userId())) {
            throw ApiException.badRequest("invalid_target", "You cannot report yourself");
        }
        Report report = new Report(UUID.randomUUID().toString(), Report.OPEN, request.conversationId(), request.messageId(),
                reported, caller.userId(), request.reason(), Times.format(clock.instant()), null);
        store.create(report);
        return view(report, caller);
    }

    Page<ReportView> page(Caller admin, String status, Paging paging) {
        Page<Report> page = store.page(status, paging);
        return new Page<>(page.items().stream().map(report -> view(report, admin)).toList(), page.nextCursor());
    }

    /**
     * Carries out the action, then resolves the report (so that a failed action leaves it open to try again) and logs
     * the resolution.
     */
    ReportView resolve(Caller admin, String reportId, ReportRequestBodies.ResolveReport request) {
        Report report = store.find(reportId).orElseThrow(() -> ApiException.notFound("report_not_found", "No such report"));
        if (!Report.OPEN.equals(report.status())) {
            throw ReportStore.resolvedAlready();
        }
        String why = request.note() != null ? request.note() : report.reason();
        switch (request.kind()) {
            case DISMISS -> { }
            case REMOVE_MESSAGE -> {
                if (report.messageId() == null) {
                    throw ApiException.badRequest("invalid_action", "This report is about a user, not a message");
                }
                removal.remove(admin.userId(), report.conversationId(), report.messageId(), why);
            }
            case DISABLE_USER -> accounts.disable(admin, report.userId(), why);
        }
        var at = clock.instant();
        Report resolved = store.resolve(report, new Report.Resolution(request.kind().wire, request.note(), admin.userId(),
                Times.format(at)));
        audit.append(admin.userId(), AuditLog.Action.REPORT_RESOLVE, reportId,
                request.kind().wire + (request.note() != null ? ": " + request.note() : ""), at);
        return view(resolved, admin);
    }

    private ReportView view(Report report, Caller caller) {
        ReportedMessage message = report.messageId() == null ? null
                : messages.findById(report.conversationId(), report.messageId())
                        .map(m -> new ReportedMessage(m.text(), m.senderId(), users.shownName(m.senderId(), caller), m.removed()))
                        .orElse(null);
        return new ReportView(report.reportId(), report.status(), report.conversationId(), report.messageId(),
                report.userId(), message, new Person(report.reporterId(), users.shownName(report.reporterId(), caller)),
                report.reason(), report.createdAt(), report.resolution());
    }
}
