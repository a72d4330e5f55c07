package io.wechat.media.web;

import java.time.Duration;
import java.util.Optional;

import io.helidon.http.Status;

/** A failure the client caused or may retry, answered as {@code {"error":{"code","message"}}}. */
public class ApiException extends RuntimeException {
    private final Status status;
    private final String code;
    private final Duration retryAfter;

    public ApiException(Status status, String code, String message) {
        this(status, code, message, null);
    }

    private ApiException(Status status, String code, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** When to try again, sent as {@code Retry-After}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** {@code what}: the quota, named in the message. */
    public static ApiException quotaExceeded(String what, Duration retryAfter) {
        return new ApiException(Status.TOO_MANY_REQUESTS_429, "quota_exceeded",
                "Quota of " + what + " used up, retry later", retryAfter);
    }

    public Status status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(Status.BAD_REQUEST_400, code, message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(Status.NOT_FOUND_404, code, message);
    }

    public static ApiException forbidden(String code, String message) {
        return new ApiException(Status.FORBIDDEN_403, code, message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(Status.CONFLICT_409, code, message);
    }

    public static ApiException unavailable(String code, String message) {
        return new ApiException(Status.SERVICE_UNAVAILABLE_503, code, message);
    }

    /** The 404 for media that does not exist or that the caller may not see: existence never leaks. */
    public static ApiException mediaNotFound() {
        return notFound("media_not_found", "No such media");
    }

    /** The 404 for a conversation the caller is not a member of, as chat-service answers it. */
    public static ApiException conversationNotFound() {
        return notFound("conversation_not_found", "No such conversation");
    }
}
