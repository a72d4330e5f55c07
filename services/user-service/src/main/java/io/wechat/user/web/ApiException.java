package io.wechat.user.web;

import java.time.Duration;
import java.util.Optional;

import io.helidon.http.Status;

/**
 * A failure that is the caller's business: it carries the HTTP status and the stable error code of the body.
 * Every domain error is one of these, so that a single error handler renders them all.
 */
public class ApiException extends RuntimeException {
    private final Status status;
    private final String code;
    private final Duration retryAfter;

    public ApiException(Status status, String code, String message) {
        this(status, code, message, null);
    }

    private ApiException(Status status, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
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

    public static ApiException tooManyRequests(Duration retryAfter) {
        return new ApiException(Status.TOO_MANY_REQUESTS_429, "too_many_requests",
                                "too many attempts, retry later", retryAfter);
    }

    /** {@code what}: the quota, named in the message (e.g. "registrations"). */
    public static ApiException quotaExceeded(String what, Duration retryAfter) {
        return new ApiException(Status.TOO_MANY_REQUESTS_429, "quota_exceeded",
                                "quota of " + what + " used up, retry later", retryAfter);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(Status.SERVICE_UNAVAILABLE_503, "service_unavailable", message);
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
}
