package io.wechat.chat.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.wechat.chat.conversations.Conversation;
import io.wechat.chat.conversations.Member;
import io.wechat.chat.conversations.SystemMessage;
import io.wechat.chat.messages.Message;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Which read message a search answers: one the caller still sees (not deleted for themselves, not recalled, removed or
 * a system message) whose text holds each piece of the query whole, of a conversation that still exists.
 */
final class SearchHits {
    private SearchHits() {
    }

    /** The hit of the message {@code item} (null when it is gone) for {@code membership}'s member. */
    static Optional<SearchService.Hit> hit(Map<String, AttributeValue> item, List<Tokens.Piece> pieces, Member membership,
                                           Conversation conversation) {
        if (item == null || conversation == null) {
            return Optional.empty();
        }
        Message message = Message.fromItem(item);
        if (membership.hiddenSeqs().contains(message.seq())) {
            return Optional.empty();
        }
        if (message.recalled() || message.removed() || message.text() == null
                || SystemMessage.TYPE.equals(message.type())) {
            return Optional.empty();
        }
        return Snippet.of(message.text(), pieces).map(snippet -> new SearchService.Hit(message.conversationId(),
                conversation.type().wire(), conversation.title(), membership.peerId(), message, snippet));
    }
}
