package io.wechat.edge.http;

import java.util.LinkedHashMap;
import java.util.Map;

import io.wechat.edge.EdgeConfig.Cors;

/**
 * An HTTP API's CORS configuration as API Gateway applies it: the gateway answers preflight requests itself
 * (no route needed), and sets the CORS headers on every response for an allowed origin, replacing whatever the
 * integration sent. Origins match exactly; credentials never go together with {@code *} (refused in {@link Cors}).
 */
public final class CorsPolicy {
    private final Cors cors;

    public CorsPolicy(Cors cors) {
        this.cors = cors;
    }

    public boolean isPreflight(String method, String origin, String requestMethod) {
        return cors.enabled() && "OPTIONS".equalsIgnoreCase(method) && origin != null && requestMethod != null;
    }

    private boolean allowed(String origin) {
        return origin != null && (cors.allowOrigins().contains(origin) || cors.allowOrigins().contains("*"));
    }

    /** Headers of the gateway's answer to a preflight; empty for an origin that is not allowed. */
    public Map<String, String> preflightHeaders(String origin, String requestHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!allowed(origin)) {
            return headers;
        }
        headers.putAll(originHeaders(origin));
        headers.put("Access-Control-Allow-Methods", String.join(",", cors.allowMethods()));
        if (cors.allowHeaders().contains("*") && requestHeaders != null) {
            headers.put("Access-Control-Allow-Headers", requestHeaders);
        } else if (!cors.allowHeaders().isEmpty()) {
            headers.put("Access-Control-Allow-Headers", String.join(",", cors.allowHeaders()));
        }
        headers.put("Access-Control-Max-Age", Integer.toString(cors.maxAgeSeconds()));
        return headers;
    }

    /** Headers added to an actual response; empty for an origin that is not allowed. */
    public Map<String, String> responseHeaders(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!cors.enabled() || !allowed(origin)) {
            return headers;
        }
        headers.putAll(originHeaders(origin));
        if (!cors.exposeHeaders().isEmpty()) {
            headers.put("Access-Control-Expose-Headers", String.join(",", cors.exposeHeaders()));
        }
        return headers;
    }

    private Map<String, String> originHeaders(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        boolean exact = cors.allowOrigins().contains(origin);
        headers.put("Access-Control-Allow-Origin", exact ? origin : "*");
        if (cors.allowCredentials() && exact) {
            headers.put("Access-Control-Allow-Credentials", "true");
        }
        headers.put("Vary", "Origin");
        return headers;
    }
}
