package io.wechat.user.auth;

import java.nio.file.Files;
import java.nio.file.Path;

import io.wechat.user.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SigningKeyTest {
    @Test
    void kidIsTheRfc7638Thumbprint() throws Exception {
        SigningKey key = SigningKey.fromPkcs8Pem(TestKeys.rsaPkcs8Pem());
        assertThat(key.keyId(), is(key.publicJwk().computeThumbprint("SHA-256").toString()));
        assertThat(key.publicJwk().isPrivate(), is(false));
    }

    @Test
    void rejectsPkcs1AndGarbage() {
        assertThrows(IllegalArgumentException.class,
                     () -> SigningKey.fromPkcs8Pem("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"));
        assertThrows(IllegalArgumentException.class, () -> SigningKey.fromPkcs8Pem("hello"));
    }

    @Test
    void loadsFromFileFirstThenSecret(@TempDir Path dir) throws Exception {
        String pem = TestKeys.rsaPkcs8Pem();
        Path file = Files.writeString(dir.resolve("key.pem"), pem);

        SigningKeys fromFile = SigningKeyLoader.load(file.toString(), "", arn -> {
            throw new AssertionError("secret must not be read when a file is given");
        });
        SigningKeys fromSecret = SigningKeyLoader.load("", "arn:secret", arn -> pem);

        assertThat(fromSecret.current().keyId(), is(fromFile.current().keyId()));
        IllegalStateException none = assertThrows(IllegalStateException.class,
                                                  () -> SigningKeyLoader.load("", "", arn -> pem));
        assertThat(none.getMessage(), containsString("JWT_SIGNING_KEY_FILE"));
    }
}
