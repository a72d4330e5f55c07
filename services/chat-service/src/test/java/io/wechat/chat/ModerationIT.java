package io.wechat.chat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.wechat.chat.support.ChatServiceFixture;
import io.wechat.chat.support.TestEdge;
import io.wechat.chat.support.WsClient;
import io.wechat.kit.testing.Api;
import io.wechat.kit.testing.TerraformFixture;
import io.wechat.kit.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/**
 * The admin console's chat-service side end to end: the real local edge (admin scope at the gateway, WebSocket API,
 * the messages table's stream) in front of chat-service, real Redis and the emulator's tables, topic and queues.
 * user-service is the test identity (tokens with and without the admin scope, and its disable route); notification-
 * service's push figures come from a small server that answers as its {@code GET /admin/pushes/stats} does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModerationIT {
    private TestEdge edge;
    private WebServer notifications;
    private ChatServiceFixture fixture;
    private Api viaEdge;
    private Api direct;
    private String queueUrl;
    private String deadLetterQueueUrl;
    private User admin;

    private record User(String id, String token) {
    }

    @BeforeAll
    void start() {
        notifications = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r.get("/admin/pushes/stats", (req, res) -> {
            if (req.headers().first(HeaderNames.AUTHORIZATION).isEmpty()) {
                res.status(Status.UNAUTHORIZED_401).send();
                return;
            }
            res.header(HeaderValues.CONTENT_TYPE_JSON).send("{\"sent24h\":7,\"failed24h\":2}");
        })).build().start();
        edge = new TestEdge();
        // Terraform's consumer queue and dead-letter queue (terraform/fixtures/chat, modules/messaging): the statistics
        // find the dead-letter queue through the redrive policy the module sets, as in every environment.
        JsonNode monitored = TerraformFixture.shared("chat").json("monitored_queue");
        queueUrl = monitored.path("url").asText();
        deadLetterQueueUrl = monitored.path("dlq_url").asText();
        fixture = new ChatServiceFixture(edge.url(), "http://127.0.0.1:9", "http://127.0.0.1:" + notifications.port(),
                                         List.of(queueUrl));
        fixture.sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("waiting"));
        fixture.sqs.sendMessage(b -> b.queueUrl(deadLetterQueueUrl).messageBody("failed"));
        edge.start("http://127.0.0.1:" + fixture.server.port(), fixture.identity, fixture.messagesStreamArn());
        viaEdge = new Api(edge.url());
        direct = fixture.api;
        String adminId = fixture.identity.newUser("Moderator");
        admin = new User(adminId, fixture.identity.tokenWithScope(adminId, "user admin"));
    }

    @AfterAll
    void stop() {
        // The queues stay in the emulator under the run's prefix, as everything a fixture made does.
        if (fixture != null) {
            fixture.close();
        }
        if (edge != null) {
            edge.close();
        }
        if (notifications != null) {
            notifications.stop();
        }
    }

    private User user(String name) {
        String id = fixture.identity.newUser(name);
        return new User(id, fixture.identity.tokenWithScope(id, "user"));
    }

    private String group(User creator, User... others) {
        var created = viaEdge.post("/conversations", creator.token(), Map.of("type", "group", "title", "moderated",
                "memberIds", java.util.Arrays.stream(others).map(User::id).toList()));
        assertThat(created.toString(), created.status(), is(201));
        return created.body().path("conversationId").asText();
    }

    private String send(User sender, String conversationId, String text) {
        var sent = viaEdge.post("/conversations/" + conversationId + "/messages", sender.token(),
                Map.of("clientMessageId", UUID.randomUUID().toString(), "type", "text", "text", text));
        assertThat(sent.toString(), sent.status(), is(201));
        return sent.body().path("messageId").asText();
    }

    private Api.Response report(User reporter, Map<String, Object> body) {
        return viaEdge.post("/reports", reporter.token(), body);
    }

    private Api.Response resolve(String reportId, String action, String note) {
        return viaEdge.post("/admin/reports/" + reportId + "/resolve", admin.token(),
                note == null ? Map.of("action", action) : Map.of("action", action, "note", note));
    }

    private JsonNode historyItem(User member, String conversationId, String messageId) {
        var history = viaEdge.get("/conversations/" + conversationId + "/messages?limit=100", member.token());
        assertThat(history.toString(), history.status(), is(200));
        for (JsonNode item : history.body().path("items")) {
            if (messageId.equals(item.path("messageId").asText())) {
                return item;
            }
        }
        throw new AssertionError("message " + messageId + " not in the history of " + member.id());
    }

    private List<JsonNode> audit() {
        var page = viaEdge.get("/admin/audit?limit=100", admin.token());
        assertThat(page.toString(), page.status(), is(200));
        List<JsonNode> entries = new ArrayList<>();
        page.body().path("items").forEach(entries::add);
        return entries;
    }

    /** The chat events published to SNS (the fixture's observer queue) until one matches, within 20 s. */
    private JsonNode awaitEvent(Predicate<JsonNode> wanted) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            List<Message> received = fixture.sqs.receiveMessage(b -> b.queueUrl(fixture.eventsQueueUrl)
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            for (Message m : received) {
                fixture.sqs.deleteMessage(b -> b.queueUrl(fixture.eventsQueueUrl).receiptHandle(m.receiptHandle()));
                JsonNode event = Json.tree(m.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (wanted.test(event)) {
                    return event;
                }
            }
        }
        throw new AssertionError("no such event within 20 s");
    }

    @Test
    void everyAdminRouteRefusesANormalUsersTokenAtTheEdgeAndAtTheService() {
        User normal = user("Normal");
        String token = normal.token();
        List<Api.Response> atTheEdge = List.of(
                viaEdge.call("DELETE", "/admin/conversations/c-1/messages/m-1", token, Map.of("reason", "spam")),
                viaEdge.get("/admin/reports", token),
                viaEdge.post("/admin/reports/r-1/resolve", token, Map.of("action", "dismiss")),
                viaEdge.get("/admin/stats", token),
                viaEdge.get("/admin/audit", token));
        for (Api.Response response : atTheEdge) {
            assertThat(response.toString(), response.status(), is(403));
            assertThat(response.body().path("message").asText(), is("Forbidden"));
        }
        List<Api.Response> atTheService = List.of(
                direct.call("DELETE", "/admin/conversations/c-1/messages/m-1", token, Map.of("reason", "spam")),
                direct.get("/admin/reports", token),
                direct.post("/admin/reports/r-1/resolve", token, Map.of("action", "dismiss")),
                direct.get("/admin/stats", token),
                direct.get("/admin/audit", fixture.identity.token(normal.id())));
        for (Api.Response response : atTheService) {
            assertThat(response.toString(), response.status(), is(403));
            assertThat(response.errorCode(), is("forbidden"));
        }
        assertThat(direct.get("/admin/stats", null).status(), is(401));
    }

    @Test
    void aRemovedMessageIsATombstoneForEveryMemberLiveAndInHistoryPastTheRecallWindow() {
        User alice = user("Alice");
        User bob = user("Bob");
        User carol = user("Carol");
        String id = group(alice, bob, carol);
        String old = send(alice, id, "sent a while ago");
        // Past the sender's recall window (tokens live 15 minutes, so the clock moves less than that).
        fixture.clock.advance(Duration.ofMinutes(5));
        assertThat(direct.delete("/conversations/" + id + "/messages/" + old, alice.token()).errorCode(),
                is("recall_window_expired"));
        try (WsClient a = new WsClient(edge.webSocketUrl(alice.token()));
             WsClient b = new WsClient(edge.webSocketUrl(bob.token()));
             WsClient c = new WsClient(edge.webSocketUrl(carol.token()))) {
            var removed = viaEdge.call("DELETE", "/admin/conversations/" + id + "/messages/" + old, admin.token(),
                    Map.of("reason", "harassment"));
            assertThat(removed.toString(), removed.status(), is(200));
            assertThat(removed.body().path("removed").asBoolean(), is(true));
            assertThat(removed.body().path("text").isNull() || removed.body().path("text").isMissingNode(), is(true));
            for (WsClient member : List.of(a, b, c)) {
                JsonNode frame = member.next("message.removed");
                assertThat(frame.path("conversationId").asText(), is(id));
                assertThat(frame.path("messageId").asText(), is(old));
                assertThat(frame.path("senderId").asText(), is(alice.id()));
            }
        }
        for (User member : List.of(alice, bob, carol)) {
            JsonNode item = historyItem(member, id, old);
            assertThat(item.path("removed").asBoolean(), is(true));
            assertThat(item.path("text").isNull() || item.path("text").isMissingNode(), is(true));
        }
        // Removing it again changes nothing; its sender can no longer edit it.
        var again = viaEdge.call("DELETE", "/admin/conversations/" + id + "/messages/" + old, admin.token(),
                Map.of("reason", "harassment"));
        assertThat(again.status(), is(200));
        assertThat(again.body().path("removed").asBoolean(), is(true));
        var edit = viaEdge.patch("/conversations/" + id + "/messages/" + old, alice.token(), Map.of("text", "back"));
        assertThat(edit.toString(), edit.status(), is(409));

        JsonNode event = awaitEvent(e -> "message.removed".equals(e.path("type").asText())
                && old.equals(e.path("payload").path("messageId").asText()));
        JsonNode payload = event.path("payload");
        assertThat(payload.path("conversationId").asText(), is(id));
        assertThat(payload.path("removedBy").asText(), is(admin.id()));
        assertThat(payload.path("reason").asText(), is("harassment"));
        assertThat(payload.path("mediaId").isNull(), is(true));
        List<String> recipients = new ArrayList<>();
        payload.path("recipients").forEach(r -> recipients.add(r.asText()));
        assertThat(recipients, containsInAnyOrder(alice.id(), bob.id(), carol.id()));

        assertThat(audit().stream().anyMatch(e -> "message.remove".equals(e.path("action").asText())
                && old.equals(e.path("targetId").asText()) && admin.id().equals(e.path("actorId").asText())
                && "harassment".equals(e.path("reason").asText()) && e.path("targetName").isNull()
                && "Moderator".equals(e.path("actorName").asText())), is(true));
        var unknown = viaEdge.call("DELETE", "/admin/conversations/" + id + "/messages/no-such-message", admin.token(),
                Map.of("reason", "x"));
        assertThat(unknown.status(), is(404));
        var noReason = viaEdge.call("DELETE", "/admin/conversations/" + id + "/messages/" + old, admin.token(), Map.of());
        assertThat(noReason.status(), is(400));
    }

    @Test
    void oneOpenReportPerReporterAndTargetEvenUnderConcurrency() throws Exception {
        User alice = user("Alice");
        User bob = user("Bob");
        User carol = user("Carol");
        String id = group(alice, bob, carol);
        String message = send(alice, id, "a rude message");
        Map<String, Object> body = Map.of("conversationId", id, "messageId", message, "reason", "rude");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                attempts.add(() -> report(bob, body).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(attempts)) {
                statuses.add(f.get());
            }
            assertThat(statuses.toString(), statuses.stream().filter(s -> s == 201).count(), is(1L));
            assertThat(statuses.toString(), statuses.stream().filter(s -> s == 409).count(), is(7L));
        } finally {
            pool.shutdownNow();
        }
        assertThat(report(bob, body).errorCode(), is("report_exists"));
        var byCarol = report(carol, body);
        assertThat(byCarol.toString(), byCarol.status(), is(201));
        assertThat(byCarol.body().path("status").asText(), is("open"));
        assertThat(byCarol.body().path("userId").asText(), is(alice.id()));
        assertThat(byCarol.body().path("message").path("text").asText(), is("a rude message"));
        // The same reporter may report the sender as a user: another target.
        assertThat(report(bob, Map.of("conversationId", id, "userId", alice.id(), "reason", "keeps at it")).status(), is(201));

        // Resolved, the reporter may report the same target again.
        String carolsReport = byCarol.body().path("reportId").asText();
        assertThat(resolve(carolsReport, "dismiss", null).status(), is(200));
        assertThat(report(carol, body).status(), is(201));

        // What the reporter cannot see does not exist; nobody reports themselves.
        User outsider = user("Outsider");
        assertThat(report(outsider, body).errorCode(), is("conversation_not_found"));
        assertThat(report(bob, Map.of("conversationId", id, "messageId", "nope", "reason", "x")).errorCode(), is("message_not_found"));
        assertThat(report(bob, Map.of("conversationId", id, "userId", outsider.id(), "reason", "x")).errorCode(), is("user_not_found"));
        assertThat(report(alice, body).errorCode(), is("invalid_target"));
        assertThat(report(bob, Map.of("conversationId", id, "reason", "x")).errorCode(), is("invalid_target"));
        assertThat(report(bob, Map.of("conversationId", id, "messageId", message)).errorCode(), is("invalid_reason"));
    }

    @Test
    void resolvingCarriesOutEachActionOnce() {
        User alice = user("Alice");
        User bob = user("Bob");
        String id = group(alice, bob);
        String first = send(alice, id, "first");
        String second = send(alice, id, "second");

        String dismissed = report(bob, Map.of("conversationId", id, "messageId", first, "reason", "meh")).body().path("reportId").asText();
        var dismiss = resolve(dismissed, "dismiss", "not abusive");
        assertThat(dismiss.toString(), dismiss.status(), is(200));
        assertThat(dismiss.body().path("status").asText(), is("resolved"));
        assertThat(dismiss.body().path("resolution").path("action").asText(), is("dismiss"));
        assertThat(dismiss.body().path("resolution").path("note").asText(), is("not abusive"));
        assertThat(dismiss.body().path("resolution").path("actorId").asText(), is(admin.id()));
        assertThat(historyItem(bob, id, first).path("removed").asBoolean(), is(false));
        assertThat(resolve(dismissed, "remove_message", null).errorCode(), is("report_resolved"));

        String removedReport = report(bob, Map.of("conversationId", id, "messageId", second, "reason", "spam"))
                .body().path("reportId").asText();
        var listed = viaEdge.get("/admin/reports?status=open&limit=100", admin.token());
        JsonNode open = find(listed.body().path("items"), removedReport);
        assertThat(open.path("message").path("text").asText(), is("second"));
        assertThat(open.path("message").path("senderId").asText(), is(alice.id()));
        assertThat(open.path("message").path("senderName").asText(), is("Alice"));
        assertThat(open.path("reporter").path("userId").asText(), is(bob.id()));
        assertThat(open.path("reporter").path("name").asText(), is("Bob"));
        assertThat(open.path("reason").asText(), is("spam"));
        var remove = resolve(removedReport, "remove_message", null);
        assertThat(remove.toString(), remove.status(), is(200));
        assertThat(remove.body().path("message").path("removed").asBoolean(), is(true));
        assertThat(historyItem(alice, id, second).path("removed").asBoolean(), is(true));

        String userReport = report(bob, Map.of("conversationId", id, "userId", alice.id(), "reason", "abusive"))
                .body().path("reportId").asText();
        assertThat(resolve(userReport, "remove_message", null).errorCode(), is("invalid_action"));
        var disable = resolve(userReport, "disable_user", "repeated abuse");
        assertThat(disable.toString(), disable.status(), is(200));
        assertThat(fixture.identity.disabled.get(alice.id()), is("repeated abuse"));

        JsonNode resolved = viaEdge.get("/admin/reports?status=resolved&limit=100", admin.token()).body().path("items");
        for (String reportId : List.of(dismissed, removedReport, userReport)) {
            assertThat(find(resolved, reportId).path("status").asText(), is("resolved"));
        }
        assertThat(find(viaEdge.get("/admin/reports?status=open&limit=100", admin.token()).body().path("items"), userReport),
                is((JsonNode) null));
        assertThat(resolve("no-such-report", "dismiss", null).status(), is(404));
        assertThat(resolve(userReport, "ban_forever", null).errorCode(), is("invalid_action"));
        assertThat(viaEdge.get("/admin/reports?status=pending", admin.token()).errorCode(), is("invalid_status"));
        Set<String> resolvedInAudit = new HashSet<>();
        audit().stream().filter(e -> "report.resolve".equals(e.path("action").asText()))
                .forEach(e -> resolvedInAudit.add(e.path("targetId").asText()));
        assertThat(resolvedInAudit.containsAll(List.of(dismissed, removedReport, userReport)), is(true));
    }

    private static JsonNode find(JsonNode items, String reportId) {
        for (JsonNode item : items) {
            if (reportId.equals(item.path("reportId").asText())) {
                return item;
            }
        }
        return null;
    }

    @Test
    void theAuditLogIsAppendOnlyNewestFirstAndCountsUserServicesActionsOnce() {
        User target = user("Target");
        List<JsonNode> before = audit();
        String eventId = UUID.randomUUID().toString();
        Map<String, Object> disabled = Map.of("eventId", eventId, "type", "user.disabled", "version", 1,
                "occurredAt", Instant.now().toString(),
                "payload", Map.of("userId", target.id(), "actorId", admin.id(), "reason", "spam bot"));
        Map<String, Object> enabled = Map.of("eventId", UUID.randomUUID().toString(), "type", "user.enabled", "version", 1,
                "occurredAt", Instant.now().plusSeconds(1).toString(),
                "payload", Map.of("userId", target.id(), "actorId", admin.id()));
        for (int delivery = 0; delivery < 2; delivery++) {
            var answer = direct.post("/events", null, Map.of("Records", List.of(
                    Map.of("messageId", "q-" + delivery, "eventSource", "aws:sqs", "body", Json.write(disabled)),
                    Map.of("messageId", "q-e-" + delivery, "eventSource", "aws:sqs", "body", Json.write(enabled)))));
            assertThat(answer.toString(), answer.body().path("batchItemFailures").size(), is(0));
        }
        List<JsonNode> after = audit();
        List<JsonNode> mine = after.stream().filter(e -> target.id().equals(e.path("targetId").asText())).toList();
        assertThat(mine.size(), is(2));
        assertThat(mine.get(0).path("action").asText(), is("user.enable"));
        assertThat(mine.get(1).path("action").asText(), is("user.disable"));
        assertThat(mine.get(1).path("reason").asText(), is("spam bot"));
        assertThat(mine.get(1).path("targetType").asText(), is("user"));
        assertThat(mine.get(1).path("actorId").asText(), is(admin.id()));
        // With the names to show, which user-service gives the admin.
        assertThat(mine.get(1).path("actorName").asText(), is("Moderator"));
        assertThat(mine.get(1).path("targetName").asText(), is("Target"));
        // Nothing logged before changed or went away: the old page is the tail of the new one.
        assertThat(after.subList(after.size() - before.size(), after.size()).toString(), is(before.toString()));
        for (int i = 1; i < after.size(); i++) {
            assertThat(after.get(i - 1).path("at").asText().compareTo(after.get(i).path("at").asText()), greaterThanOrEqualTo(0));
        }
        // Paging walks the same entries.
        var firstPage = viaEdge.get("/admin/audit?limit=1", admin.token());
        String cursor = firstPage.body().path("nextCursor").asText();
        var secondPage = viaEdge.get("/admin/audit?limit=1&cursor=" + cursor, admin.token());
        assertThat(secondPage.body().path("items").get(0).path("auditId").asText(), is(after.get(1).path("auditId").asText()));
    }

    @Test
    void aDeletedAccountIsOneUserFewerOnceHoweverOftenItsEventArrives() {
        User leaving = user("Leaving");
        String eventId = UUID.randomUUID().toString();
        Map<String, Object> deleted = Map.of("messageId", "d-1", "eventSource", "aws:sqs", "body", Json.write(Map.of(
                "eventId", eventId, "type", "user.deleted", "version", 1, "occurredAt", fixture.clock.instant().toString(),
                "payload", Map.of("userId", leaving.id()))));
        // Registered (counted), then deleted: the second copy of the deletion, under another event id, counts nothing.
        var registered = direct.post("/events", null, Map.of("Records", List.of(Map.of("messageId", "r-2",
                "eventSource", "aws:sqs", "body", Json.write(Map.of("eventId", UUID.randomUUID().toString(),
                        "type", "user.registered", "version", 1, "occurredAt", fixture.clock.instant().toString(),
                        "payload", Map.of("userId", leaving.id(), "username", "leaving", "displayName", "Leaving")))))));
        assertThat(registered.body().path("batchItemFailures").size(), is(0));
        long before = stats().path("users").path("total").asLong();

        var first = direct.post("/events", null, Map.of("Records", List.of(deleted)));
        assertThat(first.body().path("batchItemFailures").size(), is(0));
        var again = direct.post("/events", null, Map.of("Records", List.of(Map.of("messageId", "d-2", "eventSource", "aws:sqs",
                "body", Json.write(Map.of("eventId", UUID.randomUUID().toString(), "type", "user.deleted", "version", 1,
                        "occurredAt", fixture.clock.instant().toString(), "payload", Map.of("userId", leaving.id())))))));
        assertThat(again.body().path("batchItemFailures").size(), is(0));

        assertThat(stats().path("users").path("total").asLong(), is(before - 1));
    }

    @Test
    void statsMoveWhenAUserRegistersAndSends() {
        JsonNode before = stats();
        String today = LocalDate.ofInstant(fixture.clock.instant(), ZoneOffset.UTC).toString();
        User newcomer = user("Newcomer");
        User friend = user("Friend");
        var registered = direct.post("/events", null, Map.of("Records", List.of(Map.of("messageId", "r-1",
                "eventSource", "aws:sqs", "body", Json.write(Map.of("eventId", UUID.randomUUID().toString(),
                        "type", "user.registered", "version", 1, "occurredAt", fixture.clock.instant().toString(),
                        "payload", Map.of("userId", newcomer.id(), "username", "newcomer", "displayName", "Newcomer")))))));
        assertThat(registered.body().path("batchItemFailures").size(), is(0));
        String id = group(newcomer, friend);
        send(newcomer, id, "hello");
        send(newcomer, id, "again");

        JsonNode after = awaitStats(s -> today(s, "messagesPerDay", today) >= today(before, "messagesPerDay", today) + 2);
        assertThat(after.path("users").path("total").asLong(), is(before.path("users").path("total").asLong() + 1));
        assertThat(after.path("users").path("new24h").asLong(), is(before.path("users").path("new24h").asLong() + 1));
        assertThat(today(after, "dailyActiveUsers", today), is(today(before, "dailyActiveUsers", today) + 1));
        assertThat(after.path("dailyActiveUsers").size(), is(14));
        assertThat(after.path("messagesPerDay").size(), is(14));
        assertThat(after.path("messagesPerDay").get(13).path("day").asText(), is(today));
        assertThat(after.path("pushes").path("sent24h").asLong(), is(7L));
        assertThat(after.path("pushes").path("failed24h").asLong(), is(2L));
        JsonNode queue = after.path("queues").get(0);
        assertThat(queue.path("name").asText(), is(queueUrl.substring(queueUrl.lastIndexOf('/') + 1)));
        assertThat(queue.path("depth").asLong(), is(1L));
        assertThat(queue.path("deadLetterDepth").asLong(), is(1L));
        try (WsClient socket = new WsClient(edge.webSocketUrl(friend.token()))) {
            socket.send(Map.of("action", "ping"));
            socket.next("pong");
            assertThat(stats().path("webSocketConnections").asLong(), greaterThanOrEqualTo(1L));
        }
        List<String> kinds = new ArrayList<>();
        after.fieldNames().forEachRemaining(kinds::add);
        assertThat(kinds, hasItem("generatedAt"));
    }

    private JsonNode stats() {
        var stats = viaEdge.get("/admin/stats", admin.token());
        assertThat(stats.toString(), stats.status(), is(200));
        return stats.body();
    }

    /** The stream delivers committed messages to the counters shortly after the send. */
    private JsonNode awaitStats(Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plusSeconds(20);
        JsonNode stats = stats();
        while (!done.test(stats) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            stats = stats();
        }
        assertThat(stats.toString(), done.test(stats), is(true));
        return stats;
    }

    private static long today(JsonNode stats, String series, String day) {
        for (JsonNode entry : stats.path(series)) {
            if (day.equals(entry.path("day").asText())) {
                return entry.path("count").asLong();
            }
        }
        return 0;
    }
}
