package io.wechat.user.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.http.Status;
import io.wechat.kit.web.ApiException;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (Bouncy Castle, pure Java) in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, so parameters can change while old hashes still verify.
 * Each hash in progress holds its memory cost on the heap (19 MiB with OWASP's parameters), so at most
 * {@code concurrentHashes} run at once and the heap cap can count on it; a hash that finds them all busy waits up to
 * {@code maxWait} for one, then fails with 503 {@code busy} and a Retry-After.
 */
public final class PasswordHasher {
    /** OWASP's minimum recommendation for Argon2id: 19 MiB, 2 iterations, 1 lane. */
    public static final Params OWASP = new Params(19 * 1024, 2, 1);

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    /**
     * Hashes at once by default: a hash is CPU-bound, and a function gets about one core (two on a Lambda of 1,769 MB
     * or more), so more would not finish sooner; the heap needs about 64 MB plus 19 MiB for each.
     */
    public static final int CONCURRENT_HASHES = 2;
    /** How long a login or registration may wait for a hash slot before it is answered 503 {@code busy}. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(10);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Params params;
    private final Semaphore slots;
    private final Duration maxWait;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher(Params params) {
        this(params, CONCURRENT_HASHES, MAX_WAIT);
    }

    public PasswordHasher(Params params, int concurrentHashes, Duration maxWait) {
        this(params, new Semaphore(concurrentHashes, true), maxWait);
        if (concurrentHashes < 1) {
            throw new IllegalArgumentException("concurrentHashes must be at least 1");
        }
    }

    PasswordHasher(Params params, Semaphore slots, Duration maxWait) {
        this.params = params;
        this.slots = slots;
        this.maxWait = maxWait;
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, params, HASH_BYTES);
        return "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s".formatted(params.memoryKib(), params.iterations(),
                                                               params.parallelism(), B64.encodeToString(salt),
                                                               B64.encodeToString(hash));
    }

    /** Constant-time comparison; an unparseable stored hash never verifies. */
    public boolean verify(String password, String phc) {
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            return false;
        }
        Params stored = new Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                                   Integer.parseInt(m.group(3)));
        byte[] expected = B64_DECODER.decode(m.group(5));
        byte[] actual = derive(password, B64_DECODER.decode(m.group(4)), stored, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** True when the stored hash was made with other parameters than the current ones. */
    public boolean needsRehash(String phc) {
        Matcher m = PHC.matcher(phc);
        return !m.matches() || !params.equals(new Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                                                          Integer.parseInt(m.group(3))));
    }

    private byte[] derive(String password, byte[] salt, Params params, int length) {
        acquireSlot();
        try {
            return argon2id(password, salt, params, length);
        } finally {
            slots.release();
        }
    }

    private void acquireSlot() {
        try {
            if (slots.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new ApiException(Status.SERVICE_UNAVAILABLE_503, "busy",
                               "too many sign-ins at once, try again shortly", RETRY_AFTER);
    }

    private static byte[] argon2id(String password, byte[] salt, Params params, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                               .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                               .withSalt(salt)
                               .withMemoryAsKB(params.memoryKib())
                               .withIterations(params.iterations())
                               .withParallelism(params.parallelism())
                               .build());
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    public record Params(int memoryKib, int iterations, int parallelism) {
        public Params {
            if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException("invalid Argon2 parameters");
            }
        }
    }
}
