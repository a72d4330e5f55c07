package io.wechat.user.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where the signing keys live: a file (local) or a Secrets Manager secret (AWS), holding a key-ring document or a
 * bare PEM (see {@link SigningKeys}).
 */
public final class SigningKeyLoader {
    private SigningKeyLoader() {
    }

    /**
     * What reads the keys' document, each time it is called (a rotation changes it).
     *
     * @param keyFile   path of the document, or blank
     * @param secretArn Secrets Manager secret id, or blank
     * @param secrets   reads a secret's string by id (only called when {@code secretArn} is set)
     */
    public static Supplier<String> store(String keyFile, String secretArn, Function<String, String> secrets) {
        if (!keyFile.isBlank()) {
            return () -> {
                try {
                    return Files.readString(Path.of(keyFile));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read JWT_SIGNING_KEY_FILE " + keyFile, e);
                }
            };
        }
        if (!secretArn.isBlank()) {
            return () -> secrets.apply(secretArn);
        }
        throw new IllegalStateException("no JWT signing key: set JWT_SIGNING_KEY_FILE or JWT_SIGNING_KEY_SECRET_ARN");
    }

    /** The keys as the store holds them now. */
    public static SigningKeys load(String keyFile, String secretArn, Function<String, String> secrets) {
        return SigningKeys.parse(store(keyFile, secretArn, secrets).get());
    }
}
