package io.wechat.kit.web;

import java.time.Duration;
import java.util.Optional;

import io.helidon.http.Status;

/**
 * A failure the client caused or may retry, answered by {@link ErrorHandling} as
 * {@code {"error":{"code","message"}}} with its status (and {@code Retry-After} when it has one).
 */
public class ApiException extends RuntimeException {
    private final Status status;
    private final String code;
    private final Duration retryAfter;

    public ApiException(Status status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiException(Status status, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public Status status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(Status.BAD_REQUEST_400, code, message);
    }

    public static ApiException unauthorized(String code, String message) {
        return new ApiException(Status.UNAUTHORIZED_401, code, message);
    }

    public static ApiException forbidden(String code, String message) {
        return new ApiException(Status.FORBIDDEN_403, code, message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(Status.NOT_FOUND_404, code, message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(Status.CONFLICT_409, code, message);
    }

    public static ApiException tooManyRequests(String code, String message, Duration retryAfter) {
        return new ApiException(Status.TOO_MANY_REQUESTS_429, code, message, retryAfter);
    }

    public static ApiException unavailable(String code, String message) {
        return new ApiException(Status.SERVICE_UNAVAILABLE_503, code, message);
    }
}
