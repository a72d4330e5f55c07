package io.wechat.edge;

import java.io.PrintStream;
import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One JSON line per request or WebSocket event on stdout, like an API Gateway access log. */
public final class AccessLog {
    private final PrintStream out;

    public AccessLog(PrintStream out) {
        this.out = out;
    }

    public static ObjectNode entry(String requestId, String ip) {
        return Json.object()
                .put("requestTime", Instant.now().toString())
                .put("requestId", requestId)
                .put("ip", ip);
    }

    public void write(ObjectNode entry) {
        String line = Json.write(entry);
        synchronized (out) {
            out.println(line);
        }
    }
}
