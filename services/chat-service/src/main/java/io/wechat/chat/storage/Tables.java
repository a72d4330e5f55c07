package io.wechat.chat.storage;

import java.util.Objects;

/** The names of chat-service's DynamoDB tables (MESSAGES_TABLE, CONVERSATIONS_TABLE, SEARCH_TABLE). */
public record Tables(String messages, String conversations, String search) {
    public Tables {
        Objects.requireNonNull(messages, "messages table");
        Objects.requireNonNull(conversations, "conversations table");
        Objects.requireNonNull(search, "search table");
    }
}
