package io.wechat.user.events;

import java.util.UUID;

/**
 * The events user-service publishes to the user-events topic, version 1 (payloads as in the team contract).
 */
public final class UserEvents {
    public static final String REGISTERED = "user.registered";
    public static final String PROFILE_UPDATED = "user.profile-updated";
    public static final String BLOCKED = "user.blocked";
    public static final String UNBLOCKED = "user.unblocked";
    public static final String DISABLED = "user.disabled";
    public static final String ENABLED = "user.enabled";
    public static final String SIGNED_OUT = "user.signedOut";
    public static final String DELETED = "user.deleted";

    private UserEvents() {
    }

    public static DomainEvent registered(UUID userId, String username, String displayName) {
        return new DomainEvent(REGISTERED, new Registered(userId, username, displayName));
    }

    public static DomainEvent profileUpdated(UUID userId, String username, String displayName,
                                             String avatarMediaId, String statusMessage) {
        return new DomainEvent(PROFILE_UPDATED,
                               new ProfileUpdated(userId, username, displayName, avatarMediaId, statusMessage));
    }

    public static DomainEvent blocked(UUID blockerId, UUID blockedId) {
        return new DomainEvent(BLOCKED, new BlockChange(blockerId, blockedId));
    }

    public static DomainEvent unblocked(UUID blockerId, UUID blockedId) {
        return new DomainEvent(UNBLOCKED, new BlockChange(blockerId, blockedId));
    }

    /** An administrator ({@code actorId}) disabled the account: its sessions are revoked. */
    public static DomainEvent disabled(UUID userId, UUID actorId, String reason) {
        return new DomainEvent(DISABLED, new Disabled(userId, actorId, reason));
    }

    public static DomainEvent enabled(UUID userId, UUID actorId) {
        return new DomainEvent(ENABLED, new Enabled(userId, actorId));
    }

    /** One session ended by logout ({@code sessionId} is the access tokens' {@code sid}). */
    public static DomainEvent signedOut(UUID userId, UUID sessionId) {
        return new DomainEvent(SIGNED_OUT, new SignedOut(userId, sessionId));
    }

    /**
     * The account was deleted by its owner: every service erases or anonymises what it holds about the user. The
     * payload is the id alone; nothing else of the account is kept anywhere to put in it.
     */
    public static DomainEvent deleted(UUID userId) {
        return new DomainEvent(DELETED, new Deleted(userId));
    }

    public record Deleted(UUID userId) {
    }

    public record Disabled(UUID userId, UUID actorId, String reason) {
    }

    public record Enabled(UUID userId, UUID actorId) {
    }

    public record SignedOut(UUID userId, UUID sessionId) {
    }

    public record Registered(UUID userId, String username, String displayName) {
    }

    public record ProfileUpdated(UUID userId, String username, String displayName, String avatarMediaId,
                                 String statusMessage) {
    }

    public record BlockChange(UUID blockerId, UUID blockedId) {
    }
}
