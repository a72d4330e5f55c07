package io.wechat.chat.receipts;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.chat.conversations.Conversation;
import io.wechat.chat.conversations.ConversationService;
import io.wechat.chat.conversations.ConversationStore;
import io.wechat.chat.conversations.ConversationView;
import io.wechat.chat.conversations.Member;
import io.wechat.chat.events.EventPublisher;
import io.wechat.chat.messages.Message;
import io.wechat.chat.messages.MessageService;
import io.wechat.kit.auth.Authenticator;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;
import io.wechat.kit.web.Responses;
import io.wechat.kit.web.Times;

/**
 * Read receipts: {@code POST /conversations/{id}/read {messageId}} marks everything up to that message as
 * read. The marker only moves forward; a receipt for an older message changes nothing and publishes nothing.
 */
public final class ReceiptsHttp implements HttpService {
    private final Authenticator auth;
    private final ConversationService conversations;
    private final ConversationStore store;
    private final MessageService messages;
    private final EventPublisher events;
    private final Clock clock;

    public ReceiptsHttp(Authenticator auth, ConversationService conversations, ConversationStore store,
                        MessageService messages, EventPublisher events, Clock clock) {
        this.auth = auth;
        this.conversations = conversations;
        this.store = store;
        this.messages = messages;
        this.events = events;
        this.clock = clock;
    }

    /** {@code POST /conversations/{id}/read}. */
    record ReadRequest(String messageId) {
        ReadRequest {
            if (messageId == null || messageId.isBlank()) {
                throw ApiException.badRequest("invalid_message_id", "messageId is required");
            }
        }
    }

    /** The caller's read state after a receipt. */
    record ReadState(String conversationId, String lastReadMessageId, long unreadCount) {
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/conversations/{id}/read", this::read);
    }

    private void read(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        String conversationId = req.path().pathParameters().get("id");
        conversations.requireMember(caller.userId(), conversationId);
        ReadRequest request = Json.read(req, ReadRequest.class);
        Message message = messages.requireMessage(conversationId, request.messageId());
        boolean advanced = store.markRead(conversationId, caller.userId(), message.seq(), message.messageId());
        Member me = conversations.requireMember(caller.userId(), conversationId);
        Conversation conversation = conversations.requireConversation(conversationId);
        if (advanced) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("conversationId", conversationId);
            payload.put("userId", caller.userId());
            payload.put("messageId", message.messageId());
            payload.put("seq", message.seq());
            payload.put("readAt", Times.format(clock.instant()));
            payload.put("recipients", conversations.memberIds(conversationId).stream()
                    .filter(id -> !id.equals(caller.userId())).toList());
            events.publish("receipt.read", conversationId, payload);
        }
        Responses.json(res, Status.OK_200,
                new ReadState(conversationId, me.lastReadMessageId(), ConversationView.unread(conversation, me)));
    }
}
