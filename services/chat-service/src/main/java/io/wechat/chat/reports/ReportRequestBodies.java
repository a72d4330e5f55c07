package io.wechat.chat.reports;

import java.util.Arrays;

import io.wechat.chat.moderation.Reason;
import io.wechat.chat.storage.Keys;
import io.wechat.kit.web.ApiException;

/** Request bodies of the report routes, validated on construction. */
final class ReportRequestBodies {
    private ReportRequestBodies() {
    }

    /** {@code POST /reports}: a message ({@code messageId}) or a user ({@code userId} alone) of a conversation. */
    record CreateReport(String conversationId, String messageId, String userId, String reason) {
        CreateReport {
            if (!Keys.isValidId(conversationId)) {
                throw ApiException.badRequest("invalid_conversation_id", "conversationId is required");
            }
            if (messageId == null && userId == null) {
                throw ApiException.badRequest("invalid_target", "Report a messageId or a userId");
            }
            if (messageId != null && !Keys.isValidId(messageId)) {
                throw ApiException.badRequest("invalid_target", "messageId is not a valid id");
            }
            if (userId != null && !Keys.isValidId(userId)) {
                throw ApiException.badRequest("invalid_target", "userId is not a valid id");
            }
            reason = Reason.check(reason, "reason", true);
        }
    }

    /** What resolving a report does. */
    enum Action {
        DISMISS("dismiss"), REMOVE_MESSAGE("remove_message"), DISABLE_USER("disable_user");

        final String wire;

        Action(String wire) {
            this.wire = wire;
        }

        static Action parse(String value) {
            return Arrays.stream(values()).filter(a -> a.wire.equals(value)).findFirst()
                    .orElseThrow(() -> ApiException.badRequest("invalid_action",
                            "action must be dismiss, remove_message or disable_user"));
        }
    }

    /** {@code POST /admin/reports/{reportId}/resolve}. */
    record ResolveReport(String action, String note) {
        ResolveReport {
            Action.parse(action);
            note = Reason.check(note, "note", false);
        }

        Action kind() {
            return Action.parse(action);
        }
    }
}
