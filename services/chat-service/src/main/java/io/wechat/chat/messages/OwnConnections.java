package io.wechat.chat.messages;

/**
 * The live connections of one user (every device and tab): where a change that only they see is told, so that their
 * other open clients follow it. Best effort: a client that misses the frame catches up from its history.
 */
@FunctionalInterface
public interface OwnConnections {
    void push(String userId, Object frame);
}
