package io.wechat.chat.conversations;

import java.util.HashMap;
import java.util.Map;

import io.wechat.kit.storage.Items;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The summary of a conversation's newest message kept on the conversation item for the list view. */
public record LastMessage(String messageId, long seq, String senderId, String type, String preview,
                          String createdAt, boolean recalled) {

    public AttributeValue toAttribute() {
        Map<String, AttributeValue> map = new HashMap<>();
        map.put("message_id", Items.s(messageId));
        map.put("seq", Items.n(seq));
        map.put("sender_id", Items.s(senderId));
        map.put("type", Items.s(type));
        map.put("preview", Items.s(preview));
        map.put("created_at", Items.s(createdAt));
        map.put("recalled", AttributeValue.fromBool(recalled));
        return AttributeValue.fromM(map);
    }

    static LastMessage from(AttributeValue value) {
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, AttributeValue> m = value.m();
        return new LastMessage(Items.str(m, "message_id"), Items.num(m, "seq"), Items.str(m, "sender_id"),
                Items.str(m, "type"), Items.str(m, "preview"), Items.str(m, "created_at"), Items.bool(m, "recalled"));
    }
}
