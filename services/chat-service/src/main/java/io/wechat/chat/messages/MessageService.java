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
import io.wechat.chat.cache.BlockCache;
import io.wechat.chat.cache.ConversationCache;
import io.wechat.chat.conversations.Conversation;
import io.wechat.chat.conversations.ConversationService;
import io.wechat.chat.conversations.ConversationType;
import io.wechat.chat.conversations.Member;
import io.wechat.chat.conversations.Role;
import io.wechat.chat.conversations.SystemMessage;
import io.wechat.chat.media.MediaDirectory;
import io.wechat.chat.realtime.LiveFrames;
import io.wechat.chat.storage.Keys;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;
import io.wechat.kit.web.Paging.Page;
import io.wechat.kit.web.Paging;
import io.wechat.kit.web.Times;

/** Sending (new, reply or forward, with mentions), reading, editing, recalling and deleting-for-me messages. */
public final class MessageService {
    public static final Duration RECALL_WINDOW = Duration.ofMinutes(2);
    private static final System.Logger LOG = System.getLogger(MessageService.class.getName());
    private final MessageStore store;
    private final ConversationService conversations;
    private final BlockCache blocks;
    private final MediaDirectory media;
    private final OwnConnections ownConnections;
    private final Clock clock;
    private final ConversationCache cache;
    private final LiveFrames liveFrames;

    /**
     * {@code blocks}: who blocks the sender, as a send reads it (Redis before the table); {@code cache}: the members and
     * type of a conversation, as a send reads them; {@code liveFrames}: a new message's frame to the members'
     * connections right after its commit (its {@code message.sent} comes from the stream).
     */
    public MessageService(MessageStore store, ConversationService conversations, BlockCache blocks, MediaDirectory media,
                          OwnConnections ownConnections, Clock clock, ConversationCache cache, LiveFrames liveFrames) {
        this.store = store;
        this.conversations = conversations;
        this.blocks = blocks;
        this.media = media;
        this.ownConnections = ownConnections;
        this.clock = clock;
        this.cache = cache;
        this.liveFrames = liveFrames;
    }

    /**
     * {@code POST /conversations/{id}/messages}: the members are read first (404 hides the conversation from
     * outsiders), then {@code body} is parsed.
     */
    MessageStore.Sent send(Caller caller, String conversationId, byte[] body) {
        ConversationCache.Entry conversation = requireMembers(caller, conversationId);
        return send(caller, conversationId, conversation, Json.parse(body, MessageRequestBodies.SendMessage.class));
    }

    /**
     * The WebSocket {@code sendMessage} action, the same send as the HTTP one (idempotency included) from the frame
     * the route has read already. The sending connection gets one {@code message.new}: the live frame or the route's
     * answer, whichever claims it first.
     */
    public MessageStore.Sent send(Caller caller, String conversationId, JsonNode frame) {
        ConversationCache.Entry conversation = requireMembers(caller, conversationId);
        return send(caller, conversationId, conversation, Json.parse(frame, MessageRequestBodies.SendMessage.class));
    }

    /**
     * The members and type of the conversation, from the cache (kept current by the membership events, stale for at
     * most its bound) or else the table; 404 unless the caller is one of them.
     */
    private ConversationCache.Entry requireMembers(Caller caller, String conversationId) {
        if (!Keys.isValidId(conversationId)) {
            throw Conversation.notFound();
        }
        ConversationCache.Entry conversation = cache.get(conversationId, id -> new ConversationCache.Entry(
                conversations.requireConversation(id).type(), conversations.memberIds(id)));
        if (!conversation.memberIds().contains(caller.userId())) {
            throw Conversation.notFound();
        }
        return conversation;
    }

    private MessageStore.Sent send(Caller caller, String conversationId, ConversationCache.Entry conversation,
                                   MessageRequestBodies.SendMessage request) {
        String me = caller.userId();
        List<String> others = conversation.memberIds().stream().filter(id -> !id.equals(me)).toList();
        Set<String> blockers = blocks.blockersAmong(me, others);
        if (conversation.type() == ConversationType.DIRECT && !blockers.isEmpty()) {
            throw ApiException.forbidden("blocked", "The recipient has blocked you");
        }
        // In a group the message is the group's, but members who block the sender get no live frame and no push.
        List<String> recipients = others.stream().filter(id -> !blockers.contains(id)).toList();
        Instant now = clock.instant();
        Message draft = request.forwardOf() != null
                ? forwardedCopy(caller, conversationId, request, now)
                : newMessage(caller, conversationId, conversation, request, now);
        MessageStore.Sent sent = store.send(draft, now);
        if (sent.created()) {
            Message message = sent.message();
            try {
                store.markMentioned(message);
            } catch (RuntimeException e) {
                // Committed: the messages stream writes the marks of every committed message (Main's sent hook).
                LOG.log(System.Logger.Level.WARNING, "Mention marks of " + message.messageId() + " left to the stream: " + e);
            }
            // The members' sockets get it now; message.sent, the members' activity and whatever a committed message
            // moves come from the messages table's stream (MessageStreamConsumer), which also sends the frame to any
            // connection this attempt did not reach.
            liveFrames.push(MessageStreamConsumer.sentEventId(message.messageId()), "message.sent", Map.of(
                    "conversationId", conversationId, "message", message, "recipients", recipients));
        }
        return sent;
    }

    /** A message with the caller's own content: its media checked, its reply quote and mentions validated. */
    private Message newMessage(Caller caller, String conversationId, ConversationCache.Entry conversation,
                               MessageRequestBodies.SendMessage request, Instant now) {
        if (request.mediaId() != null) {
            media.requireSendable(request.mediaId(), caller);
        }
        requireMentionable(caller, conversationId, conversation, request);
        Message.ReplyTo quote = request.replyTo() == null ? null : quoteOf(conversationId, request.replyTo());
        return new Message(UUID.randomUUID().toString(), conversationId, 0, caller.userId(), request.type(),
                request.text(), request.mediaId(), request.clientMessageId(), Times.format(now), null, false, false,
                quote, request.mentions(), request.mentionAll(), false, null, null);
    }

    /** The quote of the message a reply answers: 400 unless it is a message of the same conversation. */
    private Message.ReplyTo quoteOf(String conversationId, String replyTo) {
        return store.findById(conversationId, replyTo).map(Message::quote).orElseThrow(() -> ApiException.badRequest(
                "invalid_reply_to", "replyTo must be a message of this conversation"));
    }

    /** Mentions name members only (400); {@code mentionAll} is for a group's owner and admins (403). */
    private void requireMentionable(Caller caller, String conversationId, ConversationCache.Entry conversation,
                                    MessageRequestBodies.SendMessage request) {
        if (!conversation.memberIds().containsAll(request.mentions())) {
            throw ApiException.badRequest("invalid_mentions", "Only members of the conversation can be mentioned");
        }
        if (request.mentionAll()) {
            if (conversation.type() != ConversationType.GROUP) {
                throw ApiException.badRequest("not_a_group", "mentionAll is for groups");
            }
            if (conversations.requireMember(caller.userId(), conversationId).role() == Role.MEMBER) {
                throw ApiException.forbidden("not_admin", "Only a group's owner and admins mention everyone");
            }
        }
    }

    /**
     * A copy of {@code forwardOf}: the caller must be a member of its conversation too (else 404 as for any
     * outsider); a recalled, removed or system message cannot be forwarded (409). Its media is the original's: media-service
     * lets the new conversation's members read it once the stream publishes {@code media.shared}.
     */
    private Message forwardedCopy(Caller caller, String conversationId, MessageRequestBodies.SendMessage request,
                                  Instant now) {
        var forwardOf = request.forwardOf();
        conversations.requireMember(caller.userId(), forwardOf.conversationId());
        Message original = requireMessage(forwardOf.conversationId(), forwardOf.messageId());
        if (original.recalled() || original.removed() || SystemMessage.TYPE.equals(original.type())) {
            throw ApiException.conflict("not_forwardable", "A recalled, removed or system message cannot be forwarded");
        }
        return new Message(UUID.randomUUID().toString(), conversationId, 0, caller.userId(), original.type(),
                original.text(), original.mediaId(), request.clientMessageId(), Times.format(now), null, false, false,
                null, List.of(), false, true, null, null);
    }

    /**
     * A page of history as the caller sees it: without the messages they deleted for themselves (so a page may hold
     * fewer than {@code limit}; {@code nextCursor} still leads on), reply quotes as their originals are now, and
     * {@code mine} on the caller's reactions.
     */
    Page<Message> history(Caller caller, String conversationId, Paging paging, Optional<String> sinceMessageId) {
        Member me = conversations.requireMember(caller.userId(), conversationId);
        Page<Message> page;
        if (sinceMessageId.isPresent()) {
            Message since = store.findById(conversationId, sinceMessageId.get())
                    .orElseThrow(() -> ApiException.badRequest("invalid_since", "since must be a message of this conversation"));
            page = store.since(conversationId, since.seq(), paging);
        } else {
            page = store.history(conversationId, paging);
        }
        List<Message> shown = page.items().stream().filter(m -> !me.hiddenSeqs().contains(m.seq())).toList();
        return new Page<>(store.withCurrentQuotes(shown).stream().map(m -> m.forViewer(me.userId())).toList(),
                page.nextCursor());
    }

    /**
     * {@code DELETE /conversations/{id}/messages/{messageId}?for=me}: any message of the conversation disappears from
     * the caller's own history and unread count (and search), for nobody else; the caller's open clients (other
     * devices and tabs) get {@code message.hidden} to hide it too. Idempotent.
     */
    void deleteForMe(Caller caller, String conversationId, String messageId) {
        conversations.requireMember(caller.userId(), conversationId);
        Message message = requireMessage(conversationId, messageId);
        if (!store.hide(message, caller.userId())) {
            throw Conversation.notFound();
        }
        ownConnections.push(caller.userId(), Json.MAPPER.createObjectNode().put("type", "message.hidden")
                .put("conversationId", conversationId).put("messageId", messageId));
    }

    /**
     * The ids of the messages {@code userId} deleted for themselves in this conversation: what a search over their
     * messages must leave out.
     */
    public Set<String> hiddenMessageIds(String userId, String conversationId) {
        return store.hiddenMessageIds(conversationId, userId);
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

    private static ApiException expired() {
        return ApiException.forbidden("recall_window_expired",
                "A message can be recalled only within " + RECALL_WINDOW.toMinutes() + " minutes of sending");
    }
}
