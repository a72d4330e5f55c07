package io.wechat.reliability;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One online user's WebSocket through the edge. Counts every {@code message.new} frame by messageId, and
 * reconnects when the connection drops, then catches up as the web app does: it reads the history of the
 * conversation it follows, and records the messages it holds ({@link #caughtUp}), so that the report can tell a frame
 * missed while the socket was down and fetched at the reconnect from a frame lost for good. As a real client does, it
 * pings while it is open (the edge, as API Gateway, closes a socket idle for 10 minutes, and a full run is longer) and
 * reconnects with a token of the moment (a full run also outlives an access token).
 */
final class Socket implements WebSocket.Listener {
    /** Well within the edge's idle timeout of 10 minutes. */
    private static final Duration KEEP_ALIVE = Duration.ofMinutes(1);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String wsBase;
    private final Supplier<String> token;
    private final Api api;
    private final StringBuilder partial = new StringBuilder();
    final Map<String, AtomicInteger> framesByMessageId = new ConcurrentHashMap<>();
    /** The messages a catch-up after a reconnect found in history. */
    final Set<String> caughtUp = ConcurrentHashMap.newKeySet();
    final AtomicInteger drops = new AtomicInteger();
    private volatile WebSocket ws;
    private volatile boolean closing;
    private volatile String conversationId;

    /** {@code token}: a valid access token of the user each time it is asked (a login); {@code api}: the edge. */
    Socket(String wsBase, Api api, Supplier<String> token) {
        this.wsBase = wsBase;
        this.api = api;
        this.token = token;
        Thread.ofVirtual().start(this::keepAlive);
    }

    /** The conversation whose history a reconnect catches up on (each phase has its own). */
    void follow(String conversationId) {
        this.conversationId = conversationId;
    }

    boolean caughtUp(String messageId) {
        return caughtUp.contains(messageId);
    }

    void connect() throws Exception {
        URI uri = URI.create(wsBase + "/ws?token=" + token.get());
        ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, this).get(15, TimeUnit.SECONDS);
    }

    int frames(String messageId) {
        AtomicInteger count = framesByMessageId.get(messageId);
        return count == null ? 0 : count.get();
    }

    /** A ping frame every {@link #KEEP_ALIVE} while the socket is open, until it is closed for good. */
    private void keepAlive() {
        while (!closing) {
            try {
                Thread.sleep(KEEP_ALIVE);
            } catch (InterruptedException e) {
                return;
            }
            WebSocket current = ws;
            if (!closing && current != null && !current.isOutputClosed()) {
                current.sendText("{\"action\":\"ping\"}", true);
            }
        }
    }

    void close() {
        closing = true;
        WebSocket current = ws;
        if (current != null) {
            current.abort();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode frame = Json.parse(partial.toString());
            partial.setLength(0);
            if (frame.path("type").asText().equals("message.new")) {
                String messageId = frame.path("message").path("messageId").asText();
                framesByMessageId.computeIfAbsent(messageId, id -> new AtomicInteger()).incrementAndGet();
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        reconnect();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        reconnect();
    }

    private void reconnect() {
        if (closing) {
            return;
        }
        drops.incrementAndGet();
        Thread.ofVirtual().start(() -> {
            boolean connected = false;
            for (int attempt = 0; attempt < 120 && !closing; attempt++) {
                try {
                    Thread.sleep(500);
                    if (!connected) {
                        connect();
                        connected = true;
                    }
                    if (catchUp()) {
                        return;
                    }
                } catch (Exception e) {
                    // the edge or chat-service is still down: try again
                }
            }
        });
    }

    /** Every message of the followed conversation, all pages, into {@link #caughtUp}; false when history did not answer. */
    private boolean catchUp() {
        String followed = conversationId;
        if (followed == null) {
            return true;
        }
        String bearer = token.get();
        String cursor = null;
        do {
            Api.Reply page = api.get("/conversations/" + followed + "/messages?limit=100"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), bearer);
            if (page.status() != 200) {
                return false;
            }
            page.json().path("items").forEach(m -> caughtUp.add(m.path("messageId").asText()));
            cursor = page.json().path("nextCursor").isTextual() ? page.json().get("nextCursor").asText() : null;
        } while (cursor != null);
        return true;
    }
}
