package io.wechat.chat.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
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
    private final UsageCounters counters;
    private final LongSupplier openConnections;
    private final PushFigures pushes;
    private final QueueDepths queues;
    private final Clock clock;

    public AdminHttp(Authenticator auth, AuditLog audit, UsageCounters counters, LongSupplier openConnections,
                     PushFigures pushes, QueueDepths queues, Clock clock) {
        this.auth = auth;
        this.audit = audit;
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
        auth.requireScope(req, SCOPE);
        Responses.json(res, Status.OK_200, audit.page(Paging.of(req)));
    }
}
