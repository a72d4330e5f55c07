package io.wechat.user.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Finds the signing key: a PEM file (local) or a Secrets Manager secret holding the PEM (AWS).
 */
public final class SigningKeyLoader {
    private SigningKeyLoader() {
    }

    /**
     * @param keyFile   path of a PKCS#8 PEM file, or blank
     * @param secretArn Secrets Manager secret id, or blank
     * @param secrets   reads a secret's string by id (only called when {@code secretArn} is set)
     */
    public static SigningKey load(String keyFile, String secretArn, Function<String, String> secrets) {
        if (!keyFile.isBlank()) {
            try {
                return SigningKey.fromPkcs8Pem(Files.readString(Path.of(keyFile)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read JWT_SIGNING_KEY_FILE " + keyFile, e);
            }
        }
        if (!secretArn.isBlank()) {
            return SigningKey.fromPkcs8Pem(secrets.apply(secretArn));
        }
        throw new IllegalStateException("no JWT signing key: set JWT_SIGNING_KEY_FILE or JWT_SIGNING_KEY_SECRET_ARN");
    }
}
