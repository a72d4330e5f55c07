package io.wechat.user.auth;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The signing keys as their store holds them now: read at start, and read again when older than the reload
 * interval, so that a rotation (a new document in the file or the secret) reaches every running instance without
 * a restart. A failed reload keeps the keys in hand and tries again at the next interval: the store being briefly
 * unreadable must not stop logins.
 */
public final class KeyRing {
    private static final System.Logger LOG = System.getLogger(KeyRing.class.getName());

    private final Supplier<String> store;
    private final Duration reloadInterval;
    private final Clock clock;
    private volatile SigningKeys keys;
    private volatile Instant loadedAt;

    /**
     * @param store reads the key-ring document (see {@link SigningKeys}); called once here, so a missing or
     *              unreadable key fails the start
     */
    public KeyRing(Supplier<String> store, Duration reloadInterval, Clock clock) {
        this(SigningKeys.parse(store.get()), store, reloadInterval, clock);
    }

    private KeyRing(SigningKeys keys, Supplier<String> store, Duration reloadInterval, Clock clock) {
        this.store = store;
        this.reloadInterval = reloadInterval;
        this.clock = clock;
        this.keys = keys;
        this.loadedAt = clock.instant();
    }

    /** A ring that never reloads (tests, tools). */
    public static KeyRing fixed(SigningKeys keys) {
        return new KeyRing(keys, null, Duration.ZERO, Clock.systemUTC());
    }

    public SigningKeys keys() {
        Instant now = clock.instant();
        if (store == null || now.isBefore(loadedAt.plus(reloadInterval))) {
            return keys;
        }
        synchronized (this) {
            if (now.isBefore(loadedAt.plus(reloadInterval))) {
                return keys;
            }
            loadedAt = now;
            try {
                SigningKeys loaded = SigningKeys.parse(store.get());
                if (!loaded.current().keyId().equals(keys.current().keyId())) {
                    LOG.log(Level.INFO, "Access tokens are now signed with key " + loaded.current().keyId());
                }
                keys = loaded;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot reload the signing keys, keeping the ones in hand: " + e.getMessage());
            }
            return keys;
        }
    }
}
