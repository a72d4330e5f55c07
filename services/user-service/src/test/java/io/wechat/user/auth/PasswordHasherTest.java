package io.wechat.user.auth;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

class PasswordHasherTest {
    private static final PasswordHasher.Params FAST = new PasswordHasher.Params(1024, 1, 1);

    @Test
    void owaspHashIsPhcFormattedAndVerifies() {
        PasswordHasher hasher = new PasswordHasher(PasswordHasher.OWASP);
        String hash = hasher.hash("correct horse");

        assertThat(hash.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), is(true));
        assertThat(hasher.verify("correct horse", hash), is(true));
        assertThat(hasher.verify("correct horsE", hash), is(false));
    }

    @Test
    void saltsEveryHash() {
        PasswordHasher hasher = new PasswordHasher(FAST);
        assertThat(hasher.hash("same password"), not(hasher.hash("same password")));
    }

    @Test
    void verifiesHashesMadeWithOtherParametersAndAsksForRehash() {
        String old = new PasswordHasher(FAST).hash("p4ssword!");
        PasswordHasher current = new PasswordHasher(new PasswordHasher.Params(2048, 2, 1));

        assertThat(current.verify("p4ssword!", old), is(true));
        assertThat(current.needsRehash(old), is(true));
        assertThat(current.needsRehash(current.hash("p4ssword!")), is(false));
    }

    @Test
    void unparseableHashNeverVerifies() {
        PasswordHasher hasher = new PasswordHasher(FAST);
        assertThat(hasher.verify("x", "plaintext"), is(false));
        assertThat(hasher.verify("x", "$argon2i$v=19$m=1024,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                   is(false));
    }

    @Test
    void handlesUnicodePasswords() {
        PasswordHasher hasher = new PasswordHasher(FAST);
        String hash = hasher.hash("密码密码密码密码");
        assertThat(hasher.verify("密码密码密码密码", hash), is(true));
    }
}
