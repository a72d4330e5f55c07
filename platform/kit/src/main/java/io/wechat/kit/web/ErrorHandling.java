package io.wechat.kit.web;

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
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Maps every failure to the API's error body {@code {"error":{"code","message"}}}, in one place. A service
 * adds handlers of its own for its dependencies' exceptions after {@link #register}: Helidon picks the handler
 * of the closest exception class.
 */
public final class ErrorHandling {
    private static final System.Logger LOG = System.getLogger(ErrorHandling.class.getName());

    private ErrorHandling() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(ApiException.class, (req, res, e) -> send(res, e))
                .error(RequestException.class, (req, res, e) -> {
                    Status status = e.status();
                    send(res, status, codeOf(status), status.reasonPhrase());
                })
                .error(HttpException.class, (req, res, e) -> {
                    Status status = e.status();
                    send(res, status, codeOf(status), status == Status.NOT_FOUND_404 ? "No such route" : status.reasonPhrase());
                })
                .error(SdkException.class, (req, res, e) -> {
                    if (e instanceof AwsServiceException aws && aws.isThrottlingException()) {
                        res.header(HeaderNames.RETRY_AFTER, "1");
                        send(res, Status.TOO_MANY_REQUESTS_429, "throttled", "Too many requests, retry later");
                        return;
                    }
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

    /** Answers an {@link ApiException}, with {@code Retry-After} in whole seconds when it has one. */
    public static void send(ServerResponse res, ApiException e) {
        e.retryAfter().ifPresent(d -> res.header(HeaderNames.RETRY_AFTER, String.valueOf(Math.max(1, d.toSeconds()))));
        send(res, e.status(), e.code(), e.getMessage());
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
