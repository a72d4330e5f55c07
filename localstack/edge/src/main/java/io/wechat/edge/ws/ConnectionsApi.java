package io.wechat.edge.ws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.websocket.WsCloseCodes;
import io.wechat.edge.AccessLog;
import io.wechat.edge.Ids;
import io.wechat.edge.Json;

/**
 * API Gateway's management API for WebSocket connections, {@code /@connections/{connectionId}} (also under a stage
 * prefix, {@code /{stage}/@connections/{connectionId}}): POST sends data, GET describes, DELETE disconnects. A
 * connection that is unknown or closed answers 410 GoneException, in the shape the AWS SDK reads. As in AWS, where
 * the API takes IAM authorization, every request must carry a valid SigV4 signature by the local cloud's credentials
 * ({@link SigV4Verifier}); otherwise 403, before anything about the connection is revealed.
 */
public final class ConnectionsApi {
    private static final Pattern PATH = Pattern.compile("^(?:/[^/@%]+)?/(?:@|%40)connections/([^/]+)$");
    private static final int MAX_DATA = 128 * 1024;

    private final WebSocketApi webSocket;
    private final SigV4Verifier signatures;
    private final AccessLog accessLog;

    public ConnectionsApi(WebSocketApi webSocket, SigV4Verifier signatures, AccessLog accessLog) {
        this.webSocket = webSocket;
        this.signatures = signatures;
        this.accessLog = accessLog;
    }

    public static boolean matches(String rawPath) {
        return PATH.matcher(rawPath).matches();
    }

    public void handle(ServerRequest req, ServerResponse res) {
        long started = System.nanoTime();
        String requestId = Ids.next();
        Matcher m = PATH.matcher(req.path().rawPath());
        if (!m.matches()) {
            res.next();
            return;
        }
        String id = percentDecode(m.group(1));
        String method = req.prologue().method().text();
        res.header("x-amzn-RequestId", requestId);
        int status;
        byte[] data;
        try (InputStream in = req.content().inputStream()) {
            data = in.readNBytes(MAX_DATA + 1);
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            data = null;
        }
        Optional<String> unsigned = signatures.check(new SigV4Verifier.SignedRequest(method, req.path().rawPath(),
                req.query().rawValue(), headers(req), data == null ? new byte[0] : data));
        Optional<Connection> connection = unsigned.isPresent() ? Optional.empty() : webSocket.connection(id);
        if (unsigned.isPresent()) {
            status = error(res, 403, unsigned.get().startsWith("Missing") ? "MissingAuthenticationTokenException"
                    : "InvalidSignatureException", unsigned.get());
        } else if (data == null) {
            status = error(res, 400, "BadRequestException", "Invalid request body");
        } else if (connection.isEmpty()) {
            status = error(res, 410, "GoneException", null);
        } else {
            status = switch (method) {
                case "POST" -> post(res, connection.get(), data);
                case "GET" -> describe(res, connection.get());
                case "DELETE" -> {
                    webSocket.serverClose(connection.get(), WsCloseCodes.NORMAL_CLOSE, "");
                    res.status(Status.NO_CONTENT_204).send();
                    yield 204;
                }
                default -> error(res, 404, "NotFoundException", "Not Found");
            };
        }
        accessLog.write(AccessLog.entry(requestId, req.remotePeer().host()).put("method", method)
                                .put("path", req.path().rawPath()).put("routeKey", method + " @connections")
                                .put("connectionId", id).put("status", status)
                                .put("latency", (System.nanoTime() - started) / 1_000_000));
    }

    private int post(ServerResponse res, Connection connection, byte[] data) {
        if (data.length > MAX_DATA) {
            return error(res, 413, "PayloadTooLargeException", "Message too long");
        }
        if (!webSocket.post(connection, data)) {
            return error(res, 410, "GoneException", null);
        }
        res.status(Status.OK_200).send();
        return 200;
    }

    private int describe(ServerResponse res, Connection connection) {
        ObjectNode body = Json.object().put("connectedAt", connection.connectedAt.toString());
        body.putObject("identity").put("sourceIp", connection.sourceIp).put("userAgent", connection.userAgent);
        body.put("lastActiveAt", connection.lastActiveAt.toString());
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send(Json.write(body));
        return 200;
    }

    private static Map<String, List<String>> headers(ServerRequest req) {
        Map<String, List<String>> headers = new HashMap<>();
        for (Header header : req.headers()) {
            headers.computeIfAbsent(header.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(header.allValues());
        }
        return headers;
    }

    /** The management API's error: the type in {@code x-amzn-ErrorType} (which the SDK reads) and a message body. */
    private static int error(ServerResponse res, int status, String type, String message) {
        res.status(Status.create(status));
        res.header("x-amzn-ErrorType", type);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        ObjectNode body = Json.object();
        if (message == null) {
            body.putNull("message");
        } else {
            body.put("message", message);
        }
        res.send(Json.write(body));
        return status;
    }

    /** Decodes %XX escapes only: a connection id may hold '+' and '=', which must stay as they are. */
    static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '%' && i + 2 < s.length()) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(ch).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
