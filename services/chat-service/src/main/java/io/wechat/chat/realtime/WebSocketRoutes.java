package io.wechat.chat.realtime;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.chat.conversations.ConversationService;
import io.wechat.chat.limits.UserLimits;
import io.wechat.chat.messages.MessageService;
import io.wechat.chat.messages.MessageStore;
import io.wechat.chat.messages.MessageStreamConsumer;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.auth.RevokedSessions;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;
import io.wechat.kit.web.Times;

/**
 * API Gateway WebSocket route events ({@code POST /events} with a {@code requestContext.eventType}):
 * $connect registers the connection for the user its authorizer names ({@code principalId}), $disconnect
 * removes it, and the message routes answer over {@code @connections}: {@code sendMessage} (the HTTP send,
 * idempotency included), {@code typing}, {@code ping}, and {@code $default} for anything else.
 */
public final class WebSocketRoutes {
    public static final Duration TYPING_INTERVAL = Duration.ofSeconds(3);
    private static final Duration CONNECTION_RETRY_AFTER = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(WebSocketRoutes.class.getName());
    private final Connections registry;
    private final ConnectionSender sender;
    private final Pushes fanOut;
    private final Members conversations;
    private final Sends messages;
    private final Predicate<String> revoked;
    private final Clock clock;
    private final UserLimits limits;

    /** What the routes use of the connection records ({@link ConnectionRegistry}, in Redis). */
    interface Connections {
        Optional<ConnectionRegistry.Refusal> admit(String connectionId, String userId, String sessionId, String address);

        boolean recentlyDisabled(String userId);

        void remove(String connectionId, String userId);

        boolean claimFrameAsSent(String frameId, String connectionId);

        boolean typingAllowed(String conversationId, String userId, Duration interval);
    }

    /** What the routes use of the conversations ({@link ConversationService}, in DynamoDB). */
    interface Members {
        /** @throws ApiException when {@code userId} is not a member of the conversation */
        void requireMember(String userId, String conversationId);

        List<String> memberIds(String conversationId);
    }

    /** The send of a message ({@link MessageService#send}). */
    @FunctionalInterface
    interface Sends {
        MessageStore.Sent send(Caller caller, String conversationId, JsonNode frame);
    }

    /** A frame to every live connection of some users ({@link FanOut#push(java.util.Collection, Object)}). */
    @FunctionalInterface
    interface Pushes {
        void push(List<String> userIds, Object frame);
    }

    /** Without per-user limits on frames and sends (tests of other concerns). */
    public WebSocketRoutes(ConnectionRegistry registry, ConnectionSender sender, FanOut fanOut,
                           ConversationService conversations, MessageService messages, RevokedSessions revoked,
                           Clock clock) {
        this(registry, sender, fanOut, conversations, messages, revoked, clock, UserLimits.NONE);
    }

    /** {@code limits}: each frame a client sends takes one of its user's frames, each sendMessage also one send. */
    public WebSocketRoutes(ConnectionRegistry registry, ConnectionSender sender, FanOut fanOut,
                           ConversationService conversations, MessageService messages, RevokedSessions revoked,
                           Clock clock, UserLimits limits) {
        this(registry, sender, (userIds, frame) -> fanOut.push(userIds, frame), new Members() {
            @Override
            public void requireMember(String userId, String conversationId) {
                conversations.requireMember(userId, conversationId);
            }

            @Override
            public List<String> memberIds(String conversationId) {
                return conversations.memberIds(conversationId);
            }
        }, (caller, conversationId, frame) -> messages.send(caller, conversationId, frame),
                sessionId -> revoked.isRevoked(sessionId), clock, limits);
    }

    WebSocketRoutes(Connections registry, ConnectionSender sender, Pushes fanOut, Members conversations, Sends messages,
                    Predicate<String> revoked, Clock clock, UserLimits limits) {
        this.limits = limits;
        this.registry = registry;
        this.revoked = revoked;
        this.sender = sender;
        this.fanOut = fanOut;
        this.conversations = conversations;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * The parts of a WebSocket route event chat-service uses; {@code userId} is null without an authorizer,
     * {@code sessionId} (the token's {@code sid}, passed on in the authorizer's context) null when the token has none,
     * {@code sourceIp} ({@code requestContext.identity.sourceIp}, the address API Gateway accepted the connection
     * from) null when absent.
     */
    public record WsEvent(String eventType, String routeKey, String connectionId, String userId, String sessionId,
                          String body, String sourceIp) {
        public WsEvent(String eventType, String routeKey, String connectionId, String userId, String body) {
            this(eventType, routeKey, connectionId, userId, null, body, null);
        }

        /** The event, when {@code event} has API Gateway's WebSocket shape; 400 when it is one but broken. */
        public static Optional<WsEvent> parse(JsonNode event) {
            JsonNode context = event.path("requestContext");
            if (!context.path("eventType").isTextual()) {
                return Optional.empty();
            }
            String connectionId = context.path("connectionId").asText(null);
            if (connectionId == null || connectionId.isBlank()) {
                throw ApiException.badRequest("invalid_event", "A WebSocket event needs requestContext.connectionId");
            }
            String userId = context.path("authorizer").path("principalId").asText(null);
            String sessionId = context.path("authorizer").path("sid").asText(null);
            JsonNode rawBody = event.path("body");
            String body = rawBody.isTextual() ? rawBody.asText() : null;
            if (body != null && event.path("isBase64Encoded").asBoolean(false)) {
                body = new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
            }
            String sourceIp = context.path("identity").path("sourceIp").asText(null);
            return Optional.of(new WsEvent(context.path("eventType").asText(), context.path("routeKey").asText(""),
                    connectionId, userId == null || userId.isBlank() ? null : userId,
                    sessionId == null || sessionId.isBlank() ? null : sessionId, body,
                    sourceIp == null || sourceIp.isBlank() ? null : sourceIp));
        }
    }

    /** Handles the event; answers the status code for API Gateway (a non-2xx $connect refuses the connection). */
    public int handle(WsEvent event) {
        return switch (event.eventType()) {
            case "CONNECT" -> connect(event);
            case "DISCONNECT" -> {
                registry.remove(event.connectionId(), event.userId());
                yield 200;
            }
            case "MESSAGE" -> {
                message(event);
                yield 200;
            }
            default -> throw ApiException.badRequest("invalid_event", "Unknown eventType " + event.eventType());
        };
    }

    /**
     * Registers the connection with its session. A token of an ended session cannot connect: the issuer's revocation
     * list says so within its refresh interval, and the account state learnt from user.disabled at once.
     */
    private int connect(WsEvent event) {
        if (event.userId() == null || revoked.test(event.sessionId()) || registry.recentlyDisabled(event.userId())) {
            return 401;
        }
        Optional<ConnectionRegistry.Refusal> refused = registry.admit(event.connectionId(), event.userId(),
                                                                      event.sessionId(), event.sourceIp());
        if (refused.isPresent()) {
            // A 429 from $connect refuses the handshake: API Gateway never opens the connection.
            throw ApiException.tooManyRequests("too_many_connections", refused.get() == ConnectionRegistry.Refusal.USER_LIMIT
                    ? "Too many open connections for this user: close another device or tab"
                    : "Too many open connections from this address", CONNECTION_RETRY_AFTER);
        }
        return 200;
    }

    private void message(WsEvent event) {
        JsonNode body = null;
        String action = event.routeKey();
        try {
            if (event.userId() == null) {
                throw new ApiException(io.helidon.http.Status.UNAUTHORIZED_401, "unauthorized", "The connection is not authorized");
            }
            // Counted before anything is read: a flood costs a Redis call per frame, and is answered rate_limited.
            limits.takeFrame(event.userId());
            body = event.body() == null ? null : Json.tree(event.body().getBytes(StandardCharsets.UTF_8));
            if (body == null || !body.isObject()) {
                throw ApiException.badRequest("invalid_json", "A frame is a JSON object with an action");
            }
            Caller caller = new Caller(event.userId(), "");
            switch (action) {
                case "sendMessage" -> sendMessage(event, caller, body);
                case "typing" -> typing(caller, body);
                case "ping" -> answer(event, Frames.pong());
                default -> {
                    action = body.path("action").isTextual() ? body.path("action").asText() : null;
                    throw ApiException.badRequest("unknown_action",
                            "Unknown action; expected one of sendMessage, typing, ping");
                }
            }
        } catch (ApiException e) {
            answer(event, Frames.error(e.code(), e.getMessage(), action, clientMessageId(body)));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "WebSocket " + action + " failed on connection " + event.connectionId(), e);
            answer(event, Frames.error("internal_error", "Internal error, retry", action, clientMessageId(body)));
        }
    }

    private void sendMessage(WsEvent event, Caller caller, JsonNode body) {
        String conversationId = body.path("conversationId").asText(null);
        limits.takeSend(caller.userId());
        MessageStore.Sent sent = messages.send(caller, conversationId, body);
        if (!sent.created() || firstFrame(MessageStreamConsumer.sentEventId(sent.message().messageId()), event.connectionId())) {
            answer(event, Frames.message("message.new", conversationId, Json.MAPPER.valueToTree(sent.message())));
        }
    }

    /**
     * Whether the answer to a new message is this connection's first frame of it: the messages table's stream also
     * sends it to every live connection of the sender, and whichever comes first is the one frame the connection gets.
     * A repeated send is always answered: the client asked again.
     */
    private boolean firstFrame(String frameId, String connectionId) {
        try {
            return registry.claimFrameAsSent(frameId, connectionId);
        } catch (RuntimeException e) {
            return true;
        }
    }

    private void typing(Caller caller, JsonNode body) {
        String conversationId = body.path("conversationId").asText(null);
        conversations.requireMember(caller.userId(), conversationId);
        if (!registry.typingAllowed(conversationId, caller.userId(), TYPING_INTERVAL)) {
            return; // rate-limited: the others saw "typing" less than TYPING_INTERVAL ago
        }
        List<String> others = conversations.memberIds(conversationId).stream()
                .filter(id -> !id.equals(caller.userId())).toList();
        fanOut.push(others, Frames.typing(conversationId, caller.userId(), Times.format(clock.instant())));
    }

    /** Sends the connection its answer; a gone connection is removed, nothing else is reported. */
    private void answer(WsEvent event, Object frame) {
        try {
            sender.send(event.connectionId(), Json.write(frame));
        } catch (ConnectionSender.GoneException e) {
            try {
                registry.remove(event.connectionId(), event.userId());
            } catch (RuntimeException removal) {
                LOG.log(Level.WARNING, "Cannot remove gone connection " + event.connectionId() + ": " + removal);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Answer not delivered to connection " + event.connectionId() + ": " + e);
        }
    }

    private static String clientMessageId(JsonNode body) {
        return body != null && body.path("clientMessageId").isTextual() ? body.path("clientMessageId").asText() : null;
    }
}
