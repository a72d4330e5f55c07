package io.wechat.chat.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.chat.users.UserDirectory;
import io.wechat.kit.auth.Authenticator;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.Paging;
import io.wechat.kit.web.Responses;
import io.wechat.kit.web.Times;

/** {@code GET /admin/stats} and {@code GET /admin/audit}: the admin scope, checked again behind the gateway's. */
public final class AdminHttp implements HttpService {
    /** The scope an admin's access tokens carry. */
    public static final String SCOPE = "admin";

    private final Authenticator auth;
    private final AuditLog audit;
    private final UserDirectory users;
    private final UsageCounters counters;
    private final LongSupplier openConnections;
    private final PushFigures pushes;
    private final QueueDepths queues;
    private final Clock clock;

    public AdminHttp(Authenticator auth, AuditLog audit, UserDirectory users, UsageCounters counters,
                     LongSupplier openConnections, PushFigures pushes, QueueDepths queues, Clock clock) {
        this.auth = auth;
        this.audit = audit;
        this.users = users;
        this.counters = counters;
        this.openConnections = openConnections;
        this.pushes = pushes;
        this.queues = queues;
        this.clock = clock;
    }

    /** {@code GET /admin/stats}. */
    public record Stats(Users users, List<UsageCounters.DayCount> dailyActiveUsers, List<UsageCounters.DayCount> messagesPerDay,
                        long webSocketConnections, PushFigures.Pushes pushes, List<QueueDepths.Queue> queues,
                        String generatedAt) {
    }

    /**
     * An entry of {@code GET /admin/audit}: the log's entry with the names to show for its actor and, when the target is a
     * user, for the target (null when no name is known, a deleted account say).
     */
    public record AuditItem(String auditId, String actorId, String actorName, String action, String targetType,
                            String targetId, String targetName, String reason, String at) {
    }

    public record Users(long total, long new24h) {
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/admin/stats", this::stats)
                .get("/admin/audit", this::audit);
    }

    private void stats(ServerRequest req, ServerResponse res) {
        Caller admin = auth.requireScope(req, SCOPE);
        Instant now = clock.instant();
        UsageCounters.Figures figures = counters.read(now);
        Responses.json(res, Status.OK_200, new Stats(new Users(figures.usersTotal(), figures.usersNew24h()),
                figures.dailyActiveUsers(), figures.messagesPerDay(), openConnections.getAsLong(), pushes.last24h(admin),
                queues.all(), Times.format(now)));
    }

    private void audit(ServerRequest req, ServerResponse res) {
        Caller admin = auth.requireScope(req, SCOPE);
        Paging.Page<AuditLog.Entry> page = audit.page(Paging.of(req));
        Map<String, Optional<String>> names = new HashMap<>();
        List<AuditItem> items = page.items().stream().map(e -> new AuditItem(e.auditId(), e.actorId(),
                nameOf(e.actorId(), admin, names), e.action(), e.targetType(), e.targetId(),
                "user".equals(e.targetType()) ? nameOf(e.targetId(), admin, names) : null, e.reason(), e.at())).toList();
        Responses.json(res, Status.OK_200, new Paging.Page<>(items, page.nextCursor()));
    }

    /** The name to show for a user, once per page; null when only the id is known. */
    private String nameOf(String userId, Caller admin, Map<String, Optional<String>> names) {
        return names.computeIfAbsent(userId, id -> Optional.of(users.shownName(id, admin)).filter(shown -> !shown.equals(id)))
                .orElse(null);
    }
}
