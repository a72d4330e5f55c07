package io.wechat.user.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.wechat.user.web.Json;

/**
 * The access-token signing keys at one moment of their rotation: {@code current} signs; {@code next} is published
 * ahead of its turn, so that every verifier's cached key set already holds it when a rotation makes it current;
 * {@code previous} keys are published after their turn, so that the tokens they signed stay valid until they
 * expire. A rotation therefore invalidates no live token (see {@code terraform/scripts/rotate-signing-keys}).
 *
 * <p>Stored as a JSON document {@code {"current": PEM, "next": PEM, "previous": [{"key": PEM, "retiredAt": ...}]}}
 * (a file locally, a Secrets Manager secret in AWS); a bare PKCS#8 PEM is a ring of one current key.
 */
public record SigningKeys(SigningKey current, Optional<SigningKey> next, List<SigningKey> previous) {
    public SigningKeys {
        previous = List.copyOf(previous);
    }

    public static SigningKeys of(SigningKey current) {
        return new SigningKeys(current, Optional.empty(), List.of());
    }

    /** Reads a key-ring document, or a bare PEM as a ring of one key. */
    public static SigningKeys parse(String text) {
        if (!text.stripLeading().startsWith("{")) {
            return of(SigningKey.fromPkcs8Pem(text));
        }
        JsonNode ring;
        try {
            ring = Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the signing key ring is not JSON: " + e.getMessage(), e);
        }
        if (!ring.path("current").isTextual()) {
            throw new IllegalArgumentException("the signing key ring has no current key");
        }
        SigningKey current = SigningKey.fromPkcs8Pem(ring.get("current").asText());
        Optional<SigningKey> next = ring.path("next").isTextual()
                ? Optional.of(SigningKey.fromPkcs8Pem(ring.get("next").asText()))
                : Optional.empty();
        List<SigningKey> previous = new ArrayList<>();
        for (JsonNode retired : ring.path("previous")) {
            previous.add(SigningKey.fromPkcs8Pem(retired.path("key").asText()));
        }
        return new SigningKeys(current, next, previous);
    }

    /** The public keys verifiers may meet: current, next and previous, each once, by {@code kid}. */
    public JWKSet published() {
        Map<String, JWK> keys = new LinkedHashMap<>();
        keys.put(current.keyId(), current.publicJwk());
        next.ifPresent(key -> keys.putIfAbsent(key.keyId(), key.publicJwk()));
        previous.forEach(key -> keys.putIfAbsent(key.keyId(), key.publicJwk()));
        return new JWKSet(List.copyOf(keys.values()));
    }
}
