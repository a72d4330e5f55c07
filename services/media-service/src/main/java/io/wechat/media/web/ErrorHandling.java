package io.wechat.media.web;

import java.lang.System.Logger.Level;
import java.util.Map;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;

/** Maps every failure to the API.md error body, in one place. */
public final class ErrorHandling {
    private static final System.Logger LOG = System.getLogger(ErrorHandling.class.getName());

    private ErrorHandling() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(ApiException.class, (req, res, e) -> {
                    e.retryAfter().ifPresent(wait -> res.header(HeaderNames.RETRY_AFTER,
                            String.valueOf(Math.max(1, wait.toSeconds()))));
                    send(res, e.status(), e.code(), e.getMessage());
                })
                .error(RequestException.class, (req, res, e) -> {
                    Status status = e.status();
                    send(res, status, codeOf(status), status.reasonPhrase());
                })
                .error(HttpException.class, (req, res, e) -> {
                    Status status = e.status();
                    send(res, status, codeOf(status), status == Status.NOT_FOUND_404 ? "No such route" : status.reasonPhrase());
                })
                .error(ProvisionedThroughputExceededException.class, (req, res, e) -> throttled(res))
                .error(RequestLimitExceededException.class, (req, res, e) -> throttled(res))
                .error(SdkException.class, (req, res, e) -> {
                    LOG.log(Level.ERROR, "AWS call failed on " + req.prologue().uriPath().path(), e);
                    send(res, Status.SERVICE_UNAVAILABLE_503, "storage_unavailable", "Storage is unavailable, retry later");
                })
                .error(Exception.class, (req, res, e) -> {
                    LOG.log(Level.ERROR, "Unexpected failure on " + req.prologue().uriPath().path(), e);
                    send(res, Status.INTERNAL_SERVER_ERROR_500, "internal_error", "Internal error");
                });
    }

    /** Errors the server answers before routing (oversized body, unparsable request line). */
    public static DirectHandlers directHandlers() {
        DirectHandler json = (request, eventType, status, headers, message) -> DirectHandler.TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderValues.CONTENT_TYPE_JSON)
                .entity(body(codeOf(status), status == Status.REQUEST_ENTITY_TOO_LARGE_413
                        ? "The request body is too large" : status.reasonPhrase()))
                .build();
        var builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, json);
        }
        return builder.build();
    }

    public static String body(String code, String message) {
        return Json.write(Map.of("error", Map.of("code", code, "message", message == null ? "" : message)));
    }

    private static void throttled(ServerResponse res) {
        res.header(HeaderNames.RETRY_AFTER, "1");
        send(res, Status.TOO_MANY_REQUESTS_429, "throttled", "Too many requests, retry later");
    }

    private static void send(ServerResponse res, Status status, String code, String message) {
        res.status(status).header(HeaderValues.CONTENT_TYPE_JSON).send(body(code, message));
    }

    private static String codeOf(Status status) {
        return switch (status.code()) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            default -> status.code() >= 500 ? "internal_error" : "request_error";
        };
    }
}
