package io.wechat.bench;

import java.net.URI;
import java.net.http.WebSocket;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/** One bench user: its token and its WebSocket through the edge. */
final class Client implements WebSocket.Listener {
    final String username;
    final String userId;
    final String token;
    private final FrameHandler onFrame;

    interface FrameHandler {
        void onFrame(Client to, JsonNode frame, long nanos);
    }
    private final Queue<CompletableFuture<Long>> pings = new ConcurrentLinkedQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final Object sendLock = new Object();
    private WebSocket ws;

    Client(String username, String userId, String token, FrameHandler onFrame) {
        this.username = username;
        this.userId = userId;
        this.token = token;
        this.onFrame = onFrame;
    }

    void connect(Api api, String wsBase) throws Exception {
        ws = api.http.newWebSocketBuilder().connectTimeout(java.time.Duration.ofSeconds(10))
                .buildAsync(URI.create(wsBase + "/ws?token=" + token), this).get(15, TimeUnit.SECONDS);
    }

    /** Sends {@code {"action":"ping"}} and completes with the nanoTime at which its pong arrived. */
    CompletableFuture<Long> ping() {
        CompletableFuture<Long> f = new CompletableFuture<>();
        synchronized (sendLock) {
            pings.add(f);
            ws.sendText("{\"action\":\"ping\"}", true).join();
        }
        return f;
    }

    void close() {
        if (ws != null) {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bench done").get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                ws.abort();
            }
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.nanoTime();
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                JsonNode frame = Api.JSON.readTree(text);
                if ("pong".equals(frame.path("type").asText())) {
                    CompletableFuture<Long> f = pings.poll();
                    if (f != null) {
                        f.complete(now);
                    }
                } else {
                    onFrame.onFrame(this, frame, now);
                }
            } catch (Exception e) {
                // not JSON: ignored
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        pings.forEach(f -> f.completeExceptionally(error));
    }
}
