package io.wechat.chat.sessions;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;

import io.wechat.chat.realtime.ConnectionRegistry;
import io.wechat.chat.realtime.ConnectionSender;
import io.wechat.chat.realtime.Frames;
import io.wechat.kit.web.Json;

/**
 * Closes the WebSocket connections of ended sessions: each gets a {@code session.ended} frame (so the client knows
 * why, whatever close code the gateway sends), then the gateway closes it. Idempotent: a redelivered event finds
 * the connections gone.
 */
public final class SessionEnder implements SessionEvents.Actions {
    public static final String SIGNED_OUT = "signed_out";
    public static final String ACCOUNT_DISABLED = "account_disabled";
    public static final String ACCOUNT_DELETED = "account_deleted";
    private static final System.Logger LOG = System.getLogger(SessionEnder.class.getName());

    private final ConnectionRegistry registry;
    private final ConnectionSender sender;

    public SessionEnder(ConnectionRegistry registry, ConnectionSender sender) {
        this.registry = registry;
        this.sender = sender;
    }

    /** user.disabled: every connection of the user closes, and none opens while their tokens may live. */
    @Override
    public void accountDisabled(String userId, Instant at) {
        registry.recordAccountState(userId, true, at);
        close(registry.live(List.of(userId)).getOrDefault(userId, List.of()), ACCOUNT_DISABLED);
    }

    /**
     * user.deleted: every connection of the user closes, and none opens while their tokens may live (recorded as a
     * disable, which only a later user.enabled would lift, and a deleted account is never enabled).
     */
    public void accountDeleted(String userId, Instant at) {
        registry.recordAccountState(userId, true, at);
        close(registry.live(List.of(userId)).getOrDefault(userId, List.of()), ACCOUNT_DELETED);
    }

    /** user.enabled: new tokens (a new login) may connect again. */
    @Override
    public void accountEnabled(String userId, Instant at) {
        registry.recordAccountState(userId, false, at);
    }

    /** user.signedOut: the connections opened with that session's tokens close. */
    @Override
    public void signedOut(String sessionId) {
        close(registry.sessionConnections(sessionId), SIGNED_OUT);
    }

    private void close(List<String> connectionIds, String reason) {
        String frame = Json.write(Frames.sessionEnded(reason));
        for (String connectionId : connectionIds) {
            try {
                sender.send(connectionId, frame);
                sender.disconnect(connectionId);
            } catch (ConnectionSender.GoneException e) {
                LOG.log(Level.DEBUG, "Connection " + connectionId + " was already gone");
                registry.remove(connectionId, null);
            }
        }
    }
}
