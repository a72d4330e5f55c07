package io.wechat.chat.realtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.wechat.chat.messages.Message;
import io.wechat.chat.messages.MessageStore;
import io.wechat.chat.messages.MessageStreamConsumer;
import io.wechat.chat.limits.UserLimits;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What the WebSocket routes decide from what the connection records, conversations and messages answer: who may
 * connect, which frame answers which action, what a failure becomes. The records themselves live in Redis and
 * DynamoDB (RealtimeIT, ConnectionLimitsIT); here they are plain objects that answer as told and record what they
 * were asked.
 */
class WebSocketRouteDecisionsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final Records records = new Records();
    private final List<String[]> answers = new ArrayList<>();
    private final List<Object[]> pushes = new ArrayList<>();
    private final Set<String> revokedSessions = new HashSet<>();
    private final List<String> members = new ArrayList<>(List.of("u-1", "u-2", "u-3"));
    private MessageStore.Sent nextSend;
    private RuntimeException sendFailure;
    private ConnectionSender sender = (connectionId, frame) -> answers.add(new String[] {connectionId, frame});

    private WebSocketRoutes routes() {
        WebSocketRoutes.Members conversations = new WebSocketRoutes.Members() {
            @Override
            public void requireMember(String userId, String conversationId) {
                if (!members.contains(userId)) {
                    throw new ApiException(Status.FORBIDDEN_403, "not_a_member", "Not a member of " + conversationId);
                }
            }

            @Override
            public List<String> memberIds(String conversationId) {
                return List.copyOf(members);
            }
        };
        return new WebSocketRoutes(records, (connectionId, frame) -> sender.send(connectionId, frame),
                (userIds, frame) -> pushes.add(new Object[] {userIds, frame}), conversations,
                (caller, conversationId, frame) -> {
                    if (sendFailure != null) {
                        throw sendFailure;
                    }
                    return nextSend;
                }, revokedSessions::contains, CLOCK, UserLimits.NONE);
    }

    private static WebSocketRoutes.WsEvent event(String eventType, String routeKey, String userId, String body) {
        return new WebSocketRoutes.WsEvent(eventType, routeKey, "conn-1", userId, "s-1", body, "203.0.113.7");
    }

    private int message(String routeKey, String body) {
        return routes().handle(event("MESSAGE", routeKey, "u-1", body));
    }

    private JsonNode onlyAnswer() {
        assertThat(answers.size(), is(1));
        assertThat(answers.getFirst()[0], is("conn-1"));
        return Json.tree(answers.getFirst()[1].getBytes());
    }

    private static Message message(String messageId) {
        return new Message(messageId, "c-1", 7, "u-1", "text", "hello", null, "client-1", "2026-12-01T10:00:00.000Z",
                null, false);
    }

    @Test
    void anAdmittedConnectionIsRegisteredWithItsSessionAndAddress() {
        assertThat(routes().handle(event("CONNECT", "$connect", "u-1", null)), is(200));
        assertThat(records.admitted, contains(List.of("conn-1", "u-1", "s-1", "203.0.113.7")));
    }

    @Test
    void aRevokedSessionOrARecentlyDisabledAccountCannotConnect() {
        revokedSessions.add("s-1");
        assertThat(routes().handle(event("CONNECT", "$connect", "u-1", null)), is(401));
        revokedSessions.clear();
        records.disabled.add("u-1");
        assertThat(routes().handle(event("CONNECT", "$connect", "u-1", null)), is(401));
        assertThat("nothing registered", records.admitted, is(empty()));
    }

    @Test
    void aRefusedConnectionIsA429ThatSaysWhichLimitAndWhenToRetry() {
        records.refusal = Optional.of(ConnectionRegistry.Refusal.USER_LIMIT);
        ApiException perUser = assertThrows(ApiException.class, () -> routes().handle(event("CONNECT", "$connect", "u-1", null)));
        assertThat(perUser.status().code(), is(429));
        assertThat(perUser.code(), is("too_many_connections"));
        assertThat(perUser.getMessage(), containsString("for this user"));
        assertThat(perUser.retryAfter(), is(Optional.of(Duration.ofSeconds(30))));

        records.refusal = Optional.of(ConnectionRegistry.Refusal.ADDRESS_LIMIT);
        ApiException perAddress = assertThrows(ApiException.class, () -> routes().handle(event("CONNECT", "$connect", "u-1", null)));
        assertThat(perAddress.getMessage(), containsString("from this address"));
    }

    @Test
    void aDisconnectRemovesTheConnectionsRecord() {
        assertThat(routes().handle(event("DISCONNECT", "$disconnect", "u-1", null)), is(200));
        assertThat(records.removed, contains(List.of("conn-1", "u-1")));
    }

    @Test
    void anUnknownEventTypeIsABadRequest() {
        ApiException e = assertThrows(ApiException.class, () -> routes().handle(event("UPGRADE", "$default", "u-1", null)));
        assertThat(e.status().code(), is(400));
        assertThat(e.code(), is("invalid_event"));
    }

    @Test
    void aNewMessageIsAnsweredWhenTheAnswerIsTheConnectionsFirstFrameOfIt() {
        nextSend = new MessageStore.Sent(message("m-1"), true);
        assertThat(message("sendMessage", "{\"conversationId\":\"c-1\",\"clientMessageId\":\"client-1\"}"), is(200));
        JsonNode answer = onlyAnswer();
        assertThat(answer.path("type").asText(), is("message.new"));
        assertThat(answer.path("conversationId").asText(), is("c-1"));
        assertThat(answer.path("message").path("messageId").asText(), is("m-1"));
        assertThat("the frame claimed is the stream's frame of this message",
                records.claimed, contains(List.of(MessageStreamConsumer.sentEventId("m-1"), "conn-1")));
    }

    @Test
    void aNewMessageTheStreamAlreadyPushedToThisConnectionIsNotAnsweredTwice() {
        nextSend = new MessageStore.Sent(message("m-1"), true);
        records.claimAnswer = false;
        message("sendMessage", "{\"conversationId\":\"c-1\"}");
        assertThat(answers, is(empty()));
    }

    @Test
    void aRepeatedSendIsAlwaysAnsweredAndAClaimThatFailsAnswersAnyway() {
        nextSend = new MessageStore.Sent(message("m-1"), false);
        records.claimAnswer = false;
        message("sendMessage", "{\"conversationId\":\"c-1\"}");
        assertThat("no claim for a repeat", records.claimed, is(empty()));
        assertThat(onlyAnswer().path("message").path("messageId").asText(), is("m-1"));

        answers.clear();
        nextSend = new MessageStore.Sent(message("m-2"), true);
        records.claimFailure = new IllegalStateException("redis down");
        message("sendMessage", "{\"conversationId\":\"c-1\"}");
        assertThat(onlyAnswer().path("message").path("messageId").asText(), is("m-2"));
    }

    @Test
    void aFailedSendIsAnsweredWithItsErrorActionAndClientMessageId() {
        sendFailure = ApiException.badRequest("text_too_long", "too long");
        message("sendMessage", "{\"conversationId\":\"c-1\",\"clientMessageId\":\"client-9\"}");
        JsonNode error = onlyAnswer();
        assertThat(error.path("type").asText(), is("error"));
        assertThat(error.path("error").path("code").asText(), is("text_too_long"));
        assertThat(error.path("action").asText(), is("sendMessage"));
        assertThat(error.path("clientMessageId").asText(), is("client-9"));

        answers.clear();
        sendFailure = new IllegalStateException("dynamodb down");
        message("sendMessage", "{\"conversationId\":\"c-1\",\"clientMessageId\":\"client-9\"}");
        JsonNode internal = onlyAnswer();
        assertThat(internal.path("error").path("code").asText(), is("internal_error"));
        assertThat(internal.path("clientMessageId").asText(), is("client-9"));

        answers.clear();
        message("sendMessage", "{\"conversationId\":\"c-1\",\"clientMessageId\":7}");
        assertThat("only a textual clientMessageId is echoed", onlyAnswer().has("clientMessageId"), is(false));
    }

    @Test
    void typingIsPushedToTheOtherMembersAtMostOncePerInterval() {
        assertThat(message("typing", "{\"conversationId\":\"c-1\"}"), is(200));
        assertThat(pushes.size(), is(1));
        assertThat(pushes.getFirst()[0], is(List.of("u-2", "u-3")));
        JsonNode frame = Json.MAPPER.valueToTree(pushes.getFirst()[1]);
        assertThat(frame.path("type").asText(), is("typing"));
        assertThat(frame.path("conversationId").asText(), is("c-1"));
        assertThat(frame.path("userId").asText(), is("u-1"));
        assertThat(frame.path("at").asText(), is("2026-12-01T10:00:00.000Z"));
        assertThat(records.typingAsked, contains(List.of("c-1", "u-1", WebSocketRoutes.TYPING_INTERVAL.toString())));
        assertThat("typing is not answered", answers, is(empty()));

        records.typingAllowed = false;
        message("typing", "{\"conversationId\":\"c-1\"}");
        assertThat(pushes.size(), is(1));
    }

    @Test
    void typingInAConversationOfOthersIsAnsweredWithAnErrorAndPushedToNobody() {
        members.remove("u-1");
        message("typing", "{\"conversationId\":\"c-1\"}");
        assertThat(onlyAnswer().path("error").path("code").asText(), is("not_a_member"));
        assertThat(onlyAnswer().path("action").asText(), is("typing"));
        assertThat(pushes, is(empty()));
        assertThat("not even the rate limit is consulted", records.typingAsked, is(empty()));
    }

    @Test
    void anAnswerToAGoneConnectionRemovesItsRecordAndNothingElseFails() {
        sender = (connectionId, frame) -> {
            throw new ConnectionSender.GoneException(connectionId);
        };
        assertThat(message("ping", "{}"), is(200));
        assertThat(records.removed, contains(List.of("conn-1", "u-1")));

        records.removeFailure = new IllegalStateException("redis down");
        assertThat(message("ping", "{}"), is(200));
    }

    @Test
    void aFrameWithoutAnObjectIsInvalidJson() {
        message("ping", "[1,2]");
        assertThat(onlyAnswer().path("error").path("code").asText(), is("invalid_json"));
        answers.clear();
        routes().handle(event("MESSAGE", "ping", "u-1", null));
        assertThat(onlyAnswer().path("error").path("code").asText(), is("invalid_json"));
        assertThat(onlyAnswer().path("action").asText(), is("ping"));
    }

    @Test
    void anUnknownActionWithoutANameIsAnsweredWithoutOne() {
        message("$default", "{\"action\":7}");
        JsonNode error = onlyAnswer();
        assertThat(error.path("error").path("code").asText(), is("unknown_action"));
        assertThat(error.has("action"), is(false));
    }

    /** The connection records as Redis would answer them, told what to answer. */
    private static final class Records implements WebSocketRoutes.Connections {
        final List<List<String>> admitted = new ArrayList<>();
        final List<List<String>> removed = new ArrayList<>();
        final List<List<String>> claimed = new ArrayList<>();
        final List<List<String>> typingAsked = new ArrayList<>();
        final Set<String> disabled = new HashSet<>();
        Optional<ConnectionRegistry.Refusal> refusal = Optional.empty();
        boolean claimAnswer = true;
        RuntimeException claimFailure;
        RuntimeException removeFailure;
        boolean typingAllowed = true;

        @Override
        public Optional<ConnectionRegistry.Refusal> admit(String connectionId, String userId, String sessionId, String address) {
            if (refusal.isEmpty()) {
                admitted.add(List.of(connectionId, userId, sessionId, address));
            }
            return refusal;
        }

        @Override
        public boolean recentlyDisabled(String userId) {
            return disabled.contains(userId);
        }

        @Override
        public void remove(String connectionId, String userId) {
            if (removeFailure != null) {
                throw removeFailure;
            }
            removed.add(List.of(connectionId, userId));
        }

        @Override
        public boolean claimFrameAsSent(String frameId, String connectionId) {
            if (claimFailure != null) {
                throw claimFailure;
            }
            claimed.add(List.of(frameId, connectionId));
            return claimAnswer;
        }

        @Override
        public boolean typingAllowed(String conversationId, String userId, Duration interval) {
            typingAsked.add(List.of(conversationId, userId, interval.toString()));
            return typingAllowed;
        }
    }
}
