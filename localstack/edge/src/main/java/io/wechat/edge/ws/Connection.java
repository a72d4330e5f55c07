package io.wechat.edge.ws;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsSession;

/**
 * One client connection of the WebSocket API: what $connect learnt (identity, authorizer context, handshake
 * headers and query), its session once open, the message being assembled from frames, and the one thread that
 * delivers its route events in order.
 */
final class Connection {
    /** Fragments of an outgoing message: 8192 UTF-16 chars are at most 24 KB of UTF-8, under the 32 KB frame limit. */
    private static final int OUTGOING_FRAGMENT_CHARS = 8192;

    final String id;
    final Instant connectedAt;
    final String sourceIp;
    final String userAgent;
    final String domainName;
    final ObjectNode authorizer;
    final Map<String, List<String>> headers;
    final Map<String, List<String>> query;
    final ExecutorService events = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("ws-events-", 0).factory());
    final AtomicBoolean gone = new AtomicBoolean();
    volatile Instant lastActiveAt;
    private volatile WsSession session;
    private volatile Thread handler;
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private boolean binary;

    Connection(String id, Instant connectedAt, String sourceIp, String userAgent, String domainName, ObjectNode authorizer,
               Map<String, List<String>> headers, Map<String, List<String>> query) {
        this.id = id;
        this.connectedAt = connectedAt;
        this.lastActiveAt = connectedAt;
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
        this.domainName = domainName;
        this.authorizer = authorizer;
        this.headers = headers;
        this.query = query;
    }

    void open(WsSession session, Thread handler) {
        this.session = session;
        this.handler = handler;
    }

    /** Whether the server thread that reads this connection has ended (the socket is closed, however it happened). */
    boolean socketEnded() {
        Thread t = handler;
        return t != null && !t.isAlive();
    }

    Thread handler() {
        return handler;
    }

    /** Adds a frame to the message being assembled; returns the size of the message so far. */
    int append(byte[] fragment, boolean isBinary, boolean first) {
        if (first) {
            message.reset();
            binary = isBinary;
        }
        message.writeBytes(fragment);
        return message.size();
    }

    boolean messageIsBinary() {
        return binary;
    }

    byte[] takeMessage() {
        byte[] bytes = message.toByteArray();
        message.reset();
        return bytes;
    }

    /** Sends data to the client as API Gateway does: a text message when it is UTF-8, split into frames under 32 KB. */
    void send(byte[] data) {
        WsSession s = session;
        if (s == null) {
            throw new IllegalStateException("connection not open yet");
        }
        String text = utf8(data);
        if (text == null) {
            int offset = 0;
            do {
                int end = Math.min(data.length, offset + 24 * 1024);
                s.send(BufferData.create(java.util.Arrays.copyOfRange(data, offset, end)), end == data.length);
                offset = end;
            } while (offset < data.length);
            return;
        }
        int start = 0;
        do {
            int end = Math.min(text.length(), start + OUTGOING_FRAGMENT_CHARS);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            s.send(text.substring(start, end), end == text.length());
            start = end;
        } while (start < text.length());
    }

    void close(int code, String reason) {
        WsSession s = session;
        if (s != null) {
            s.close(code, reason);
        }
    }

    private static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(data)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }
}
