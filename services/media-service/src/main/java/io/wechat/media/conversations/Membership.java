package io.wechat.media.conversations;

import io.wechat.kit.auth.Caller;

/** Whether the caller is a member of a conversation; chat-service is the one that knows. */
public interface Membership {
    /** True for a member, false for a non-member or an unknown conversation; 503 when it cannot be told. */
    boolean isMember(String conversationId, Caller caller);
}
