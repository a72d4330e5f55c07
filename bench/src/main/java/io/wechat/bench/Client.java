package io.wechat.bench;

import java.net.URI;
import java.net.http.WebSocket;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/** One bench user: its token and its WebSocket through the edge. */
final class Client implements WebSocket.Listener {
    /**
     * A ping this often keeps a socket open past the WebSocket API's 10 min idle timeout, which only what a client
     * sends resets (the web app pings every 25 s): a long run's members that only receive would be closed otherwise.
     */
    private static final long KEEPALIVE_SECONDS = 240;
    private static final ScheduledExecutorService KEEPALIVE = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-keepalive");
        t.setDaemon(true);
        return t;
    });
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
    private ScheduledFuture<?> keepalive;

    Client(String username, String userId, String token, FrameHandler onFrame) {
        this.username = username;
        this.userId = userId;
        this.token = token;
        this.onFrame = onFrame;
    }

    void connect(Api api, String wsBase) throws Exception {
        ws = api.http.newWebSocketBuilder().connectTimeout(java.time.Duration.ofSeconds(10))
                .buildAsync(URI.create(wsBase + "/ws?token=" + token), this).get(15, TimeUnit.SECONDS);
        // Spread over the interval, so that hundreds of sockets do not ping in the same second.
        long first = KEEPALIVE_SECONDS / 2 + ThreadLocalRandom.current().nextLong(KEEPALIVE_SECONDS / 2);
        keepalive = KEEPALIVE.scheduleAtFixedRate(this::keepAlive, first, KEEPALIVE_SECONDS, TimeUnit.SECONDS);
    }

    private void keepAlive() {
        try {
            ping();
        } catch (RuntimeException e) {
            // a closed socket: the run reports what it missed
        }
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
        if (keepalive != null) {
            keepalive.cancel(false);
        }
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
