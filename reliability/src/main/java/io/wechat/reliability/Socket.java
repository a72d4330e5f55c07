package io.wechat.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One online user's WebSocket through the edge. Counts every {@code message.new} frame by messageId, and
 * reconnects when the connection drops (a drop is a client-visible error; frames sent while it was down are lost
 * to it, and the report says so). As a real client does, it pings while it is open (the edge, as API Gateway, closes
 * a socket idle for 10 minutes, and a full run is longer) and reconnects with a token of the moment (a full run also
 * outlives an access token).
 */
final class Socket implements WebSocket.Listener {
    /** Well within the edge's idle timeout of 10 minutes. */
    private static final Duration KEEP_ALIVE = Duration.ofMinutes(1);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String wsBase;
    private final Supplier<String> token;
    private final StringBuilder partial = new StringBuilder();
    final Map<String, AtomicInteger> framesByMessageId = new ConcurrentHashMap<>();
    final AtomicInteger drops = new AtomicInteger();
    private volatile WebSocket ws;
    private volatile boolean closing;

    /** {@code token}: a valid access token of the user each time it is asked (a login). */
    Socket(String wsBase, Supplier<String> token) {
        this.wsBase = wsBase;
        this.token = token;
        Thread.ofVirtual().start(this::keepAlive);
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
            for (int attempt = 0; attempt < 120 && !closing; attempt++) {
                try {
                    Thread.sleep(500);
                    connect();
                    return;
                } catch (Exception e) {
                    // the edge or chat-service is still down: try again
                }
            }
        });
    }
}
