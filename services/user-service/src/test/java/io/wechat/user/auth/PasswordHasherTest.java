package io.wechat.user.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import io.wechat.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void moreHashesThanSlotsWaitTheirTurnAndAllVerify() throws Exception {
        PasswordHasher hasher = new PasswordHasher(FAST, 2, Duration.ofSeconds(30));
        String stored = hasher.hash("p4ssword!");
        List<Callable<Boolean>> logins = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            logins.add(() -> hasher.verify("p4ssword!", stored));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            for (Future<Boolean> valid : pool.invokeAll(logins)) {
                assertThat(valid.get(), is(true));
            }
        }
    }

    @Test
    void aHashThatFindsEverySlotBusyPastItsWaitIs503BusyWithRetryAfter() {
        Semaphore slots = new Semaphore(1);
        PasswordHasher hasher = new PasswordHasher(FAST, slots, Duration.ZERO);
        slots.acquireUninterruptibly();

        ApiException busy = assertThrows(ApiException.class, () -> hasher.hash("p4ssword!"));
        assertThat(busy.status().code(), is(503));
        assertThat(busy.code(), is("busy"));
        assertThat(busy.retryAfter().isPresent(), is(true));

        slots.release();
        assertThat(hasher.verify("p4ssword!", hasher.hash("p4ssword!")), is(true));
        assertThat(slots.availablePermits(), is(1));
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
