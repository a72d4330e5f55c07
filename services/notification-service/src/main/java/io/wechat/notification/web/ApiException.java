package io.wechat.notification.web;

import io.helidon.http.Status;

/** A failure the client caused or may retry, answered as {@code {"error":{"code","message"}}}. */
public class ApiException extends RuntimeException {
    private final Status status;
    private final String code;

    public ApiException(Status status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
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

    public static ApiException conflict(String code, String message) {
        return new ApiException(Status.CONFLICT_409, code, message);
    }

    public static ApiException unavailable(String code, String message) {
        return new ApiException(Status.SERVICE_UNAVAILABLE_503, code, message);
    }
}
