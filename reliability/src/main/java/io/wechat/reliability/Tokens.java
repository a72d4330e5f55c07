package io.wechat.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Bad tokens made from a good one: tampered, unsigned, and (with the local signing key of user-service, when the
 * file is there) correctly signed but expired, for another audience or from another issuer, so that the checks
 * behind the signature are reached too.
 */
final class Tokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private Tokens() {
    }

    /** Authorization header values, by name, each of which must be refused. */
    static Map<String, byte[]> refused(String valid, Path signingKeys) throws Exception {
        String[] parts = valid.split("\\.");
        ObjectNode header = (ObjectNode) Json.MAPPER.readTree(B64D.decode(parts[0]));
        ObjectNode claims = (ObjectNode) Json.MAPPER.readTree(B64D.decode(parts[1]));
        Map<String, byte[]> tokens = new LinkedHashMap<>();
        tokens.put("no scheme value", bytes("Bearer"));
        tokens.put("garbage", bytes("Bearer not.a.jwt"));
        tokens.put("basic auth", bytes("Basic ZnV6ejpmdXp6"));
        tokens.put("empty parts", bytes("Bearer .."));
        char[] signature = parts[2].toCharArray();
        signature[signature.length / 2] = signature[signature.length / 2] == 'A' ? 'B' : 'A';
        tokens.put("tampered signature", bytes("Bearer " + parts[0] + "." + parts[1] + "." + new String(signature)));
        ObjectNode elevated = claims.deepCopy();
        elevated.put("sub", "00000000-0000-0000-0000-000000000000");
        tokens.put("tampered claims", bytes("Bearer " + parts[0] + "." + encode(elevated) + "." + parts[2]));
        ObjectNode none = header.deepCopy();
        none.put("alg", "none");
        tokens.put("alg none", bytes("Bearer " + encode(none) + "." + parts[1] + "."));
        ObjectNode hs = header.deepCopy();
        hs.put("alg", "HS256");
        tokens.put("alg HS256", bytes("Bearer " + encode(hs) + "." + parts[1] + "." + parts[2]));
        tokens.put("huge", bytes("Bearer " + "A".repeat(6000) + "." + parts[1] + "." + parts[2]));
        tokens.put("invalid UTF-8", concat(bytes("Bearer " + parts[0] + "."), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}, bytes("." + parts[2])));
        if (Files.isReadable(signingKeys)) {
            // The key that signs now: the key ring's current one.
            PrivateKey key = privateKey(Json.MAPPER.readTree(Files.readString(signingKeys)).path("current").asText());
            long now = System.currentTimeMillis() / 1000;
            ObjectNode expired = claims.deepCopy();
            expired.put("iat", now - 7200).put("exp", now - 3600);
            tokens.put("expired (signed)", bytes("Bearer " + sign(header, expired, key)));
            ObjectNode audience = claims.deepCopy();
            audience.put("aud", "another-app");
            tokens.put("other audience (signed)", bytes("Bearer " + sign(header, audience, key)));
            ObjectNode issuer = claims.deepCopy();
            issuer.put("iss", "http://evil.example");
            tokens.put("other issuer (signed)", bytes("Bearer " + sign(header, issuer, key)));
            ObjectNode unknownKid = header.deepCopy();
            unknownKid.put("kid", "fuzz-unknown-kid");
            tokens.put("unknown kid (signed)", bytes("Bearer " + sign(unknownKid, claims, key)));
        }
        return tokens;
    }

    private static String sign(ObjectNode header, ObjectNode claims, PrivateKey key) throws Exception {
        String input = encode(header) + "." + encode(claims);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key);
        rs256.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(rs256.sign());
    }

    private static PrivateKey privateKey(String pem) throws Exception {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String encode(ObjectNode node) throws Exception {
        return B64.encodeToString(Json.MAPPER.writeValueAsBytes(node));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }
}
