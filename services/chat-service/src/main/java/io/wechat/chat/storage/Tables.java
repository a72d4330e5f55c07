package io.wechat.chat.storage;

import java.util.Objects;

/** The names of chat-service's two DynamoDB tables (MESSAGES_TABLE, CONVERSATIONS_TABLE). */
public record Tables(String messages, String conversations) {
    public Tables {
        Objects.requireNonNull(messages, "messages table");
        Objects.requireNonNull(conversations, "conversations table");
    }
}
