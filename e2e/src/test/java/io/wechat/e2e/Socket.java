package io.wechat.e2e;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One client WebSocket to the edge (one device). Keeps every server frame it receives, so a step can wait for
 * the one it expects, whenever it arrived.
 */
final class Socket implements WebSocket.Listener, AutoCloseable {
    private final String name;
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final Object arrived = new Object();
    private volatile WebSocket webSocket;
    private volatile String closedBecause;

    private Socket(String name) {
        this.name = name;
    }

    /** Connects {@code name} (e.g. "B's phone") with the token; an assertion error when the handshake fails. */
    static Socket connect(Edge edge, String name, String token) {
        Socket socket = new Socket(name);
        try {
            socket.webSocket = edge.http().newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(edge.webSocketUri(token), socket)
                    .get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String why = cause instanceof java.net.http.WebSocketHandshakeException h
                    ? "HTTP " + h.getResponse().statusCode() + " " + h.getResponse().body() : cause.toString();
            throw new AssertionError(name + ": WebSocket handshake with " + edge.webSocketUri("...") + " failed: " + why, e);
        }
        return socket;
    }

    /** What a handshake attempt ends with: the exception (null when it connected, and it is then closed). */
    static Throwable tryConnect(Edge edge, String token) {
        try {
            WebSocket ws = edge.http().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(edge.webSocketUri(token), new WebSocket.Listener() { })
                    .get(15, TimeUnit.SECONDS);
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
            return null;
        } catch (Exception e) {
            return e instanceof java.util.concurrent.ExecutionException || e instanceof CompletionException
                    ? e.getCause() : e;
        }
    }

    void send(Object frame) {
        if (closedBecause != null) {
            throw new AssertionError(name + ": cannot send, the socket was closed (" + closedBecause + ")");
        }
        try {
            webSocket.sendText(Edge.toJson(frame), true).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(name + ": sending a frame failed: " + e, e);
        }
    }

    /** The first frame received (now or within {@code timeout}) that matches; an assertion error naming {@code what} otherwise. */
    JsonNode await(String what, Duration timeout, Predicate<JsonNode> match) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrived) {
            while (true) {
                for (JsonNode frame : frames) {
                    if (match.test(frame)) {
                        return frame;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(name + " did not receive " + what + " within " + timeout.toMillis()
                            + " ms" + (closedBecause == null ? "" : " (socket closed: " + closedBecause + ")")
                            + "; frames received: " + Reply.abbreviate(frames.toString()));
                }
                try {
                    arrived.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** Waits until the server closes the socket; answers how ("<code> <reason>"). */
    String awaitClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrived) {
            while (closedBecause == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(name + ": still open after " + timeout.toMillis() + " ms");
                }
                try {
                    arrived.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
            return closedBecause;
        }
    }

    /** Frames of {@code type} received so far that match. */
    List<JsonNode> received(Predicate<JsonNode> match) {
        return frames.stream().filter(match).toList();
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode frame = Edge.parse(partial.toString());
            partial.setLength(0);
            synchronized (arrived) {
                frames.add(frame.isMissingNode() ? Edge.JSON.createObjectNode().put("unparsed", data.toString()) : frame);
                arrived.notifyAll();
            }
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closedBecause = statusCode + " " + reason;
        synchronized (arrived) {
            arrived.notifyAll();
        }
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closedBecause = "error " + error;
        synchronized (arrived) {
            arrived.notifyAll();
        }
    }

    @Override
    public void close() {
        WebSocket ws = webSocket;
        if (ws != null && closedBecause == null) {
            CompletableFuture<WebSocket> closing = ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            try {
                closing.get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                ws.abort();
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
