package io.wechat.user.auth;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.JWK;
import io.wechat.kit.testing.OffsetClock;
import io.wechat.user.testing.TestKeys;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The key-ring document a rotation writes and the ring a running issuer reloads from it. KeyRotationTest runs the
 * operators' rotation script itself against a serving issuer; this pins the Java side down key by key.
 */
class KeyRingTest {
    private static final String FIRST = TestKeys.rsaPkcs8Pem();
    private static final String SECOND = TestKeys.rsaPkcs8Pem();
    private static final String THIRD = TestKeys.rsaPkcs8Pem();
    private static final Duration RELOAD = Duration.ofMinutes(5);

    @Test
    void aRingDocumentNamesTheCurrentTheNextAndThePreviousKeys() {
        SigningKeys keys = SigningKeys.parse(ring(SECOND, THIRD, FIRST));

        assertThat(keys.current().keyId(), is(kid(SECOND)));
        assertThat(keys.next().orElseThrow().keyId(), is(kid(THIRD)));
        assertThat(keys.previous().stream().map(SigningKey::keyId).toList(), is(List.of(kid(FIRST))));
        assertThat("current first, then next, then previous", published(keys),
                   is(List.of(kid(SECOND), kid(THIRD), kid(FIRST))));
    }

    @Test
    void aRingWithoutNextOrPreviousPublishesItsCurrentKeyAlone() {
        SigningKeys keys = SigningKeys.parse("{\"current\": %s}".formatted(quoted(FIRST)));
        assertThat(keys.next().isPresent(), is(false));
        assertThat(keys.previous().isEmpty(), is(true));
        assertThat(published(keys), is(List.of(kid(FIRST))));
    }

    @Test
    void aBarePemIsARingOfOneKey() {
        SigningKeys keys = SigningKeys.parse("\n  " + FIRST);
        assertThat(keys.current().keyId(), is(kid(FIRST)));
        assertThat(keys.next().isPresent(), is(false));
        assertThat(published(keys), is(List.of(kid(FIRST))));
    }

    @Test
    void aKeyNamedTwiceIsPublishedOnce() {
        assertThat(published(SigningKeys.parse(ring(FIRST, FIRST, FIRST))), is(List.of(kid(FIRST))));
        assertThat(published(SigningKeys.parse(ring(FIRST, SECOND, SECOND))), is(List.of(kid(FIRST), kid(SECOND))));
    }

    @Test
    void aRingWithoutACurrentKeyOrNotInJsonIsRefused() {
        for (String document : new String[] {"{\"next\": %s}".formatted(quoted(FIRST)), "{\"current\": 42}",
                "{\"current\": "}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                                                      () -> SigningKeys.parse(document), document);
            assertThat(e.getMessage(), containsString("signing key ring"));
        }
    }

    @Test
    void theStoreIsReadAgainOnceTheReloadIntervalHasPassed() {
        AtomicReference<String> stored = new AtomicReference<>(FIRST);
        AtomicInteger reads = new AtomicInteger();
        OffsetClock clock = new OffsetClock();
        KeyRing ring = new KeyRing(() -> {
            reads.incrementAndGet();
            return stored.get();
        }, RELOAD, clock);
        stored.set(SECOND);

        clock.advance(RELOAD.minusSeconds(1));
        assertThat(ring.keys().current().keyId(), is(kid(FIRST)));
        assertThat(reads.get(), is(1));

        clock.advance(Duration.ofSeconds(1));
        assertThat(ring.keys().current().keyId(), is(kid(SECOND)));
        assertThat(reads.get(), is(2));
        assertThat("read once per interval", ring.keys().current().keyId(), is(kid(SECOND)));
        assertThat(reads.get(), is(2));
    }

    @Test
    void aFailedReloadKeepsTheKeysInHandUntilTheNextInterval() {
        AtomicReference<String> stored = new AtomicReference<>(FIRST);
        OffsetClock clock = new OffsetClock();
        KeyRing ring = new KeyRing(stored::get, RELOAD, clock);

        stored.set("{\"current\": 42}");
        clock.advance(RELOAD);
        assertThat(ring.keys().current().keyId(), is(kid(FIRST)));

        stored.set(SECOND);
        assertThat("no new attempt within the interval", ring.keys().current().keyId(), is(kid(FIRST)));
        clock.advance(RELOAD);
        assertThat(ring.keys().current().keyId(), is(kid(SECOND)));
    }

    @Test
    void aMissingKeyFailsTheStart() {
        assertThrows(RuntimeException.class, () -> new KeyRing(() -> "{}", RELOAD, new OffsetClock()));
    }

    @Test
    void aFixedRingKeepsItsKeys() {
        SigningKeys keys = SigningKeys.parse(FIRST);
        assertThat(KeyRing.fixed(keys).keys(), is(sameInstance(keys)));
    }

    private static String ring(String current, String next, String previous) {
        return """
                {"current": %s, "next": %s, "previous": [{"key": %s, "retiredAt": "2026-11-26T21:00:00Z"}]}"""
                .formatted(quoted(current), quoted(next), quoted(previous));
    }

    private static String quoted(String pem) {
        return "\"" + pem.replace("\n", "\\n") + "\"";
    }

    private static String kid(String pem) {
        return SigningKey.fromPkcs8Pem(pem).keyId();
    }

    private static List<String> published(SigningKeys keys) {
        return keys.published().getKeys().stream().map(JWK::getKeyID).toList();
    }
}
