package io.wechat.chat.reactions;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.chat.conversations.ConversationService;
import io.wechat.chat.events.EventPublisher;
import io.wechat.chat.messages.Message;
import io.wechat.chat.messages.MessageService;
import io.wechat.chat.messages.MessageStore;
import io.wechat.kit.auth.Authenticator;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Responses;

/**
 * {@code PUT} and {@code DELETE /conversations/{id}/messages/{messageId}/reactions/{reaction}}: a member adds or takes
 * back one of the fixed reactions ({@link ReactionType}); both answer the message as the caller sees it. A call that
 * changes something publishes {@code reaction.updated} (a live frame to every member); a repeated one changes nothing.
 */
public final class ReactionsHttp implements HttpService {
    private final Authenticator auth;
    private final ConversationService conversations;
    private final MessageService messages;
    private final MessageStore store;
    private final EventPublisher events;

    public ReactionsHttp(Authenticator auth, ConversationService conversations, MessageService messages,
                         MessageStore store, EventPublisher events) {
        this.auth = auth;
        this.conversations = conversations;
        this.messages = messages;
        this.store = store;
        this.events = events;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.put("/conversations/{id}/messages/{messageId}/reactions/{reaction}", (req, res) -> react(req, res, true))
                .delete("/conversations/{id}/messages/{messageId}/reactions/{reaction}", (req, res) -> react(req, res, false));
    }

    private void react(ServerRequest req, ServerResponse res, boolean add) {
        Caller caller = auth.caller(req);
        String conversationId = req.path().pathParameters().get("id");
        conversations.requireMember(caller.userId(), conversationId);
        Message message = messages.requireMessage(conversationId, req.path().pathParameters().get("messageId"));
        ReactionType reaction = ReactionType.of(req.path().pathParameters().get("reaction"))
                .orElseThrow(() -> ApiException.badRequest("invalid_reaction", "reaction must be one of "
                        + String.join(" ", Arrays.stream(ReactionType.values()).map(ReactionType::emoji).toList())));
        MessageStore.Reacted reacted = store.react(message, reaction, caller.userId(), add);
        if (reacted.changed()) {
            events.publish("reaction.updated", conversationId, payload(reacted.message(), caller.userId(), reaction, add));
        }
        Responses.json(res, Status.OK_200, reacted.message().forViewer(caller.userId()));
    }

    /** {@code reaction.updated}: who changed which reaction, and every reaction's count now (for every member). */
    private Map<String, Object> payload(Message message, String userId, ReactionType reaction, boolean added) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("conversationId", message.conversationId());
        payload.put("messageId", message.messageId());
        payload.put("userId", userId);
        payload.put("reaction", reaction.emoji());
        payload.put("added", added);
        payload.put("reactions", message.reactions().stream()
                .map(r -> Map.of("reaction", r.reaction(), "count", r.count())).toList());
        payload.put("recipients", List.copyOf(conversations.memberIds(message.conversationId())));
        return payload;
    }
}
