package io.wechat.user.auth;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The label a session is listed under: the one the client gave at login, else a short description read from its
 * User-Agent ("Chrome on Windows"). Only a hint for the user recognising their own devices, never a security
 * decision: a client can claim any label.
 */
final class DeviceLabel {
    static final int MAX_LENGTH = 64;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
    private static final String UNKNOWN = "Unknown device";

    private DeviceLabel() {
    }

    /** The label for a new session: {@code given} when it has text, else read from {@code userAgent} (may be null). */
    static String of(String given, String userAgent) {
        if (given != null && !given.isBlank()) {
            return clean(given);
        }
        return fromUserAgent(userAgent);
    }

    static String fromUserAgent(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        String client = client(ua);
        String system = system(ua);
        if (client == null) {
            return system == null ? clean(userAgent) : system;
        }
        return system == null ? client : client + " on " + system;
    }

    /** Order matters: Edge and Opera also say Chrome, Chrome also says Safari. */
    private static String client(String ua) {
        if (ua.contains("edg/")) {
            return "Edge";
        }
        if (ua.contains("opr/")) {
            return "Opera";
        }
        if (ua.contains("firefox/")) {
            return "Firefox";
        }
        if (ua.contains("chrome/") || ua.contains("chromium/")) {
            return "Chrome";
        }
        if (ua.contains("safari/")) {
            return "Safari";
        }
        if (ua.startsWith("curl/")) {
            return "curl";
        }
        return null;
    }

    private static String system(String ua) {
        if (ua.contains("android")) {
            return "Android";
        }
        if (ua.contains("iphone") || ua.contains("ipad")) {
            return "iOS";
        }
        if (ua.contains("windows")) {
            return "Windows";
        }
        if (ua.contains("mac os x") || ua.contains("macintosh")) {
            return "macOS";
        }
        if (ua.contains("linux") || ua.contains("x11")) {
            return "Linux";
        }
        return null;
    }

    private static String clean(String label) {
        String cleaned = CONTROL.matcher(label).replaceAll(" ").strip();
        return cleaned.length() > MAX_LENGTH ? cleaned.substring(0, MAX_LENGTH) : cleaned;
    }
}
