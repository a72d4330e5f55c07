package io.wechat.user.web;

import java.lang.System.Logger.Level;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
import io.lettuce.core.RedisException;
import io.wechat.kit.web.ApiException;
import org.jdbi.v3.core.ConnectionException;

/**
 * The one place where failures become the JSON error body {@code {"error":{"code","message"}}}.
 */
public final class ErrorHandling {
    private static final System.Logger LOG = System.getLogger(ErrorHandling.class.getName());

    private ErrorHandling() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(ApiException.class, (req, res, e) -> send(res, e))
                .error(HttpException.class, (req, res, e) -> send(res, fromHttp(e)))
                .error(RedisException.class, (req, res, e) -> unavailable(res, "redis", e))
                .error(ConnectionException.class, (req, res, e) -> unavailable(res, "database", e))
                .error(Exception.class, (req, res, e) -> {
                    LOG.log(Level.ERROR, "Unhandled failure on " + req.prologue().method() + " "
                            + req.prologue().uriPath().path(), e);
                    send(res, new ApiException(Status.INTERNAL_SERVER_ERROR_500, "internal_error",
                                               "unexpected server error"));
                });
    }

    /** Errors raised before routing (unparseable request, oversized body) get the same JSON shape. */
    public static DirectHandlers directHandlers() {
        DirectHandler json = (request, eventType, status, headers, message) -> DirectHandler.TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderValues.CONTENT_TYPE_JSON)
                .entity(body(codeFor(status), status.reasonPhrase()))
                .build();
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, json);
        }
        return builder.build();
    }

    static ApiException fromHttp(HttpException e) {
        Status status = e.status();
        String message = status == Status.NOT_FOUND_404 ? "no such resource" : status.reasonPhrase();
        return new ApiException(status, codeFor(status), message);
    }

    static String codeFor(Status status) {
        return switch (status.code()) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> status.code() >= 500 ? "internal_error" : "request_failed";
        };
    }

    private static void unavailable(ServerResponse res, String dependency, Exception e) {
        LOG.log(Level.WARNING, dependency + " unavailable: " + e.getMessage());
        res.header(HeaderNames.RETRY_AFTER, "5");
        send(res, ApiException.unavailable("service_unavailable", dependency + " is temporarily unavailable"));
    }

    private static void send(ServerResponse res, ApiException e) {
        e.retryAfter().ifPresent(d -> res.header(HeaderNames.RETRY_AFTER, String.valueOf(Math.max(1, d.toSeconds()))));
        if (e.code().endsWith("_token")) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        }
        res.status(e.status());
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(body(e.code(), e.getMessage()));
    }

    static byte[] body(String code, String message) {
        try {
            return Json.MAPPER.writeValueAsBytes(new ErrorBody(new ErrorBody.Error(code, message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    record ErrorBody(Error error) {
        record Error(String code, String message) {
        }
    }
}
