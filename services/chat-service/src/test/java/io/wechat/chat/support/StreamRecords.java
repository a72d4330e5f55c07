package io.wechat.chat.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Records of the messages table's stream as Lambda delivers them ({@code DynamodbEvent}), for delivering one again. */
public final class StreamRecords {
    private StreamRecords() {
    }

    /** The INSERT of a text message (with its mentions), from the message as the send answered it. */
    public static Map<String, Object> insert(String streamArn, JsonNode message, String sequenceNumber) {
        Map<String, Object> image = new HashMap<>(Map.of(
                "conversation_id", Map.of("S", message.path("conversationId").asText()),
                "seq", Map.of("N", message.path("seq").asText()),
                "message_id", Map.of("S", message.path("messageId").asText()),
                "sender_id", Map.of("S", message.path("senderId").asText()),
                "type", Map.of("S", "text"), "text", Map.of("S", message.path("text").asText()),
                "client_message_id", Map.of("S", message.path("clientMessageId").asText()),
                "created_at", Map.of("S", message.path("createdAt").asText()), "recalled", Map.of("BOOL", false)));
        List<Map<String, String>> mentions = new ArrayList<>();
        message.path("mentions").forEach(userId -> mentions.add(Map.of("S", userId.asText())));
        if (!mentions.isEmpty()) {
            image.put("mentions", Map.of("L", mentions));
        }
        return Map.of("eventID", "e-" + sequenceNumber, "eventName", "INSERT", "eventSource", "aws:dynamodb",
                "eventSourceARN", streamArn,
                "dynamodb", Map.of("Keys", Map.of("conversation_id", image.get("conversation_id"), "seq", image.get("seq")),
                                   "NewImage", image, "SequenceNumber", sequenceNumber, "StreamViewType", "NEW_AND_OLD_IMAGES"));
    }

    /** A batch of records: the body of {@code POST /events}. */
    public static Map<String, Object> batch(Map<String, Object>... records) {
        return Map.of("Records", List.of(records));
    }
}
