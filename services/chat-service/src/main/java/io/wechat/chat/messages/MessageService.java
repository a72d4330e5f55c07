package io.wechat.chat.messages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.chat.conversations.Conversation;
import io.wechat.chat.conversations.ConversationService;
import io.wechat.chat.conversations.ConversationStore;
import io.wechat.chat.conversations.ConversationType;
import io.wechat.chat.conversations.SystemMessage;
import io.wechat.chat.events.EventPublisher;
import io.wechat.chat.media.MediaDirectory;
import io.wechat.chat.storage.Keys;
import io.wechat.chat.users.BlockStore;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;
import io.wechat.kit.web.Paging.Page;
import io.wechat.kit.web.Paging;
import io.wechat.kit.web.Times;

/** Sending, reading, editing and recalling messages. */
public final class MessageService {
    public static final Duration RECALL_WINDOW = Duration.ofMinutes(2);
    private final MessageStore store;
    private final ConversationService conversations;
    private final ConversationStore conversationStore;
    private final BlockStore blocks;
    private final MediaDirectory media;
    private final EventPublisher events;
    private final Clock clock;

    public MessageService(MessageStore store, ConversationService conversations, ConversationStore conversationStore,
                          BlockStore blocks, MediaDirectory media, EventPublisher events,
                          Clock clock) {
        this.store = store;
        this.conversations = conversations;
        this.conversationStore = conversationStore;
        this.blocks = blocks;
        this.media = media;
        this.events = events;
        this.clock = clock;
    }

    /**
     * {@code POST /conversations/{id}/messages}: the members are read first (404 hides the conversation from
     * outsiders), then {@code body} is parsed.
     */
    MessageStore.Sent send(Caller caller, String conversationId, byte[] body) {
        List<String> memberIds = requireMembers(caller, conversationId);
        return send(caller, conversationId, memberIds, Json.parse(body, MessageRequestBodies.SendMessage.class), null);
    }

    /**
     * The WebSocket {@code sendMessage} action, the same send as the HTTP one (idempotency included) from the frame
     * the route has read already: its live frames skip {@code connectionId}, which gets the route's answer instead.
     */
    public MessageStore.Sent send(Caller caller, String conversationId, JsonNode frame, String connectionId) {
        List<String> memberIds = requireMembers(caller, conversationId);
        return send(caller, conversationId, memberIds, Json.parse(frame, MessageRequestBodies.SendMessage.class),
                connectionId);
    }

    /** The members of the conversation, read once per send; 404 unless the caller is one of them. */
    private List<String> requireMembers(Caller caller, String conversationId) {
        if (!Keys.isValidId(conversationId)) {
            throw Conversation.notFound();
        }
        List<String> memberIds = conversations.memberIds(conversationId);
        if (!memberIds.contains(caller.userId())) {
            throw Conversation.notFound();
        }
        return memberIds;
    }

    private MessageStore.Sent send(Caller caller, String conversationId, List<String> memberIds,
                                   MessageRequestBodies.SendMessage request, String originConnectionId) {
        String me = caller.userId();
        Conversation conversation = conversations.requireConversation(conversationId);
        List<String> others = memberIds.stream().filter(id -> !id.equals(me)).toList();
        Set<String> blockers = blocks.blockersAmong(me, others);
        if (conversation.type() == ConversationType.DIRECT && !blockers.isEmpty()) {
            throw ApiException.forbidden("blocked", "The recipient has blocked you");
        }
        // In a group the message is the group's, but members who block the sender get no live frame and no push.
        List<String> recipients = others.stream().filter(id -> !blockers.contains(id)).toList();
        if (request.mediaId() != null) {
            media.requireSendable(request.mediaId(), caller);
        }
        Instant now = clock.instant();
        var draft = new Message(UUID.randomUUID().toString(), conversationId, 0, me, request.type(), request.text(),
                request.mediaId(), request.clientMessageId(), Times.format(now), null, false);
        MessageStore.Sent sent = store.send(draft, now);
        if (sent.created()) {
            Message message = sent.message();
            conversationStore.touchActivity(conversationId, memberIds, Keys.activityKey(message.createdAt(), conversationId));
            // The members' sockets hear of it now; everyone else from message.sent, published from the messages
            // table's stream once the send is committed (MessageStreamConsumer).
            events.publish("message.sent", conversationId, Map.of(
                    "conversationId", conversationId, "message", message, "recipients", recipients), originConnectionId);
        }
        return sent;
    }

    Page<Message> history(Caller caller, String conversationId, Paging paging, Optional<String> sinceMessageId) {
        conversations.requireMember(caller.userId(), conversationId);
        if (sinceMessageId.isPresent()) {
            Message since = store.findById(conversationId, sinceMessageId.get())
                    .orElseThrow(() -> ApiException.badRequest("invalid_since", "since must be a message of this conversation"));
            return store.since(conversationId, since.seq(), paging);
        }
        return store.history(conversationId, paging);
    }

    Page<Message> sentByMe(Caller caller, Paging paging) {
        return store.bySender(caller.userId(), paging);
    }

    Message edit(Caller caller, String conversationId, String messageId, MessageRequestBodies.EditMessage request) {
        Message message = own(caller, conversationId, messageId);
        if (message.recalled() || message.removed()) {
            throw ApiException.conflict("message_recalled", "A recalled or removed message cannot be edited");
        }
        if (!MessageType.TEXT.wire().equals(message.type())) {
            throw ApiException.badRequest("not_editable", "Only text messages can be edited");
        }
        Message edited = store.edit(message, request.text(), Times.format(clock.instant()))
                .orElseThrow(() -> ApiException.conflict("message_recalled", "A recalled message cannot be edited"));
        events.publish("message.edited", conversationId, Map.of(
                "conversationId", conversationId, "message", edited, "recipients", recipients(conversationId, caller)));
        return edited;
    }

    Message recall(Caller caller, String conversationId, String messageId) {
        Message message = own(caller, conversationId, messageId);
        if (SystemMessage.TYPE.equals(message.type())) {
            throw ApiException.badRequest("not_recallable", "A system message cannot be recalled");
        }
        if (message.recalled() || message.removed()) {
            return message;
        }
        Instant notBefore = clock.instant().minus(RECALL_WINDOW);
        if (Instant.parse(message.createdAt()).isBefore(notBefore)) {
            throw expired();
        }
        Message recalled = store.recall(message, Times.format(notBefore)).orElseThrow(MessageService::expired);
        events.publish("message.recalled", conversationId, Map.of(
                "conversationId", conversationId, "messageId", messageId, "senderId", caller.userId(),
                "seq", recalled.seq(), "recipients", recipients(conversationId, caller)));
        return recalled;
    }

    /** A message of this conversation, for any member; 404 otherwise. */
    public Message requireMessage(String conversationId, String messageId) {
        return store.findById(conversationId, messageId)
                .orElseThrow(() -> ApiException.notFound("message_not_found", "No such message"));
    }

    private Message own(Caller caller, String conversationId, String messageId) {
        conversations.requireMember(caller.userId(), conversationId);
        Message message = requireMessage(conversationId, messageId);
        if (!message.senderId().equals(caller.userId())) {
            throw ApiException.forbidden("not_sender", "Only the sender may change a message");
        }
        return message;
    }

    private List<String> recipients(String conversationId, Caller caller) {
        return conversations.memberIds(conversationId).stream().filter(id -> !id.equals(caller.userId())).toList();
    }

    private static ApiException expired() {
        return ApiException.forbidden("recall_window_expired",
                "A message can be recalled only within " + RECALL_WINDOW.toMinutes() + " minutes of sending");
    }
}
