package io.wechat.chat.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.web.Json;

/** A WebSocket client (the JDK's) that queues the JSON frames it receives. */
public final class WsClient implements WebSocket.Listener, AutoCloseable {
    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;
    private final CompletableFuture<Integer> closedWith = new CompletableFuture<>();

    public WsClient(String url) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), this).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(Json.tree(partial.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closedWith.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closedWith.completeExceptionally(error);
    }

    /** The close code the server closed the connection with, or an AssertionError after {@code timeout}. */
    public int awaitClosed(Duration timeout) {
        try {
            return closedWith.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("The connection was not closed within " + timeout + ": " + e);
        }
    }

    public void send(Object frame) {
        socket.sendText(Json.write(frame), true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** The next frame, or an AssertionError after {@code timeout}. */
    public static final Duration PATIENCE = Duration.ofSeconds(20);

    public JsonNode next(Duration timeout) {
        try {
            JsonNode frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("No frame within " + timeout);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The next frame within {@link #PATIENCE}: frames of committed messages come through the messages table's stream,
     * which the edge polls, so they may follow the write by a second or more on a busy machine.
     */
    public JsonNode next() {
        return next(PATIENCE);
    }

    /** The next frame of that type, skipping others. */
    public JsonNode next(String type) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            JsonNode frame = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (type.equals(frame.path("type").asText())) {
                return frame;
            }
        }
    }

    /** Drops the TCP connection without a close frame, like a phone losing its network. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(3, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }
}
