package io.wechat.user;

import java.util.List;
import java.util.Set;

import io.helidon.health.HealthCheck;
import io.wechat.kit.web.SnapStart;
import io.wechat.user.admin.AdminUsers;
import io.wechat.user.auth.AccountControl;
import io.wechat.user.auth.Accounts;
import io.wechat.user.auth.Authenticator;
import io.wechat.user.auth.KeyRing;
import io.wechat.user.auth.Sessions;
import io.wechat.user.contacts.ContactBook;
import io.wechat.user.events.Outbox;
import io.wechat.user.users.GroupInvites;
import io.wechat.user.users.ProfileService;
import io.wechat.user.web.ClientAddress;
import io.wechat.user.web.Gateway;
import io.wechat.user.web.OriginVerification;

/**
 * Everything the routing needs, built once by {@link Main#wire} (or by a test). {@code snapshotResources}: what holds
 * connections a Lambda SnapStart snapshot must not (the pool, Redis), closed before it and reopened after a restore.
 */
public record Dependencies(String issuer,
                           KeyRing signingKeys,
                           Authenticator authenticator,
                           Accounts accounts,
                           AccountControl accountControl,
                           Sessions sessions,
                           AdminUsers adminUsers,
                           ProfileService profiles,
                           GroupInvites groupInvites,
                           ContactBook contacts,
                           Outbox outbox,
                           Set<String> corsAllowedOrigins,
                           Gateway gateway,
                           ClientAddress clientAddress,
                           OriginVerification originVerification,
                           List<HealthCheck> healthChecks,
                           List<SnapStart.Resource> snapshotResources,
                           AutoCloseable resources) {
    public Dependencies {
        corsAllowedOrigins = Set.copyOf(corsAllowedOrigins);
        healthChecks = List.copyOf(healthChecks);
        snapshotResources = List.copyOf(snapshotResources);
    }
}
