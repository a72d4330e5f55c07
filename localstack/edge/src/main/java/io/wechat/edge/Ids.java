package io.wechat.edge;

import java.security.SecureRandom;
import java.util.Base64;

/** Identifiers shaped like API Gateway's: request ids and connection ids are short base64 strings ending in '='. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder();

    private Ids() {
    }

    /** 11 random bytes as 16 URL-safe base64 characters, e.g. {@code L0SM9cOFvHcCIhw=}. */
    public static String next() {
        byte[] bytes = new byte[11];
        RANDOM.nextBytes(bytes);
        return URL_SAFE.encodeToString(bytes);
    }
}
