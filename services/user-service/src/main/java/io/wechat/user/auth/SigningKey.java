package io.wechat.user.auth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * The RSA key that signs access tokens, with its RFC 7638 thumbprint as {@code kid}.
 */
public record SigningKey(RSAKey jwk) {
    private static final int MIN_BITS = 2048;

    public SigningKey {
        if (!jwk.isPrivate()) {
            throw new IllegalArgumentException("the signing key must hold the private part");
        }
        if (jwk.size() < MIN_BITS) {
            throw new IllegalArgumentException("the signing key must have at least " + MIN_BITS + " bits");
        }
    }

    /** Reads a PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) RSA private key. */
    public static SigningKey fromPkcs8Pem(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        if (base64.isEmpty() || pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException("expected a PKCS#8 PEM RSA private key (BEGIN PRIVATE KEY)");
        }
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            var privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                                                                                                 .decode(base64)));
            var publicKey = (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(),
                                                                                   privateKey.getPublicExponent()));
            return new SigningKey(new RSAKey.Builder(publicKey)
                                          .privateKey(privateKey)
                                          .keyUse(KeyUse.SIGNATURE)
                                          .algorithm(JWSAlgorithm.RS256)
                                          .keyIDFromThumbprint()
                                          .build());
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException | JOSEException e) {
            throw new IllegalArgumentException("cannot read the JWT signing key: " + e.getMessage(), e);
        }
    }

    public String keyId() {
        return jwk.getKeyID();
    }

    public RSAKey publicJwk() {
        return jwk.toPublicJWK();
    }
}
