package io.wechat.chat.limits;

import java.util.Optional;
import java.util.function.Supplier;

import io.lettuce.core.api.sync.RedisCommands;
import io.wechat.kit.auth.Authenticator;
import io.wechat.kit.config.EnvConfig;
import io.wechat.kit.redis.RateLimit;

/**
 * How fast one user may call chat-service, whichever way they come in: WAF's rate rules count client addresses at
 * CloudFront only, so a caller that reaches API Gateway or the WebSocket API directly, or spreads over addresses, meets
 * these instead. Each limit is a token bucket per user in Redis ({@link RateLimit}): {@code requests} for every
 * authenticated HTTP route (429 {@code rate_limited} with {@code Retry-After}), {@code sends} for each message sent over
 * HTTP or a WebSocket, and {@code frames} for each frame a client sends on its WebSocket (answered by an error frame
 * {@code rate_limited}). An absent limit is no limit: tests of other concerns run without.
 */
public final class UserLimits {
    public static final UserLimits NONE = new UserLimits(Optional.empty(), Optional.empty(), Optional.empty());

    private final Optional<RateLimit> requests;
    private final Optional<RateLimit> sends;
    private final Optional<RateLimit> frames;

    private UserLimits(Optional<RateLimit> requests, Optional<RateLimit> sends, Optional<RateLimit> frames) {
        this.requests = requests;
        this.sends = sends;
        this.frames = frames;
    }

    /** The three limits, counted in {@code redis} under {@code chat-service:rate:<name>:<userId>}. */
    public static UserLimits of(Supplier<RedisCommands<String, String>> redis, Rates rates) {
        return new UserLimits(Optional.of(new RateLimit(redis, "chat-service", "requests", rates.requests())),
                Optional.of(new RateLimit(redis, "chat-service", "message sends", rates.sends())),
                Optional.of(new RateLimit(redis, "chat-service", "WebSocket frames", rates.frames())));
    }

    /** {@code auth}, counting each authenticated HTTP request against the caller's {@code requests} limit. */
    public Authenticator limit(Authenticator auth) {
        return requests.map(auth::limitedPerUser).orElse(auth);
    }

    /** @throws io.wechat.kit.web.ApiException 429 {@code rate_limited} when the user sent too many messages */
    public void takeSend(String userId) {
        sends.ifPresent(limit -> limit.take(userId));
    }

    /** @throws io.wechat.kit.web.ApiException 429 {@code rate_limited} when the user sent too many frames */
    public void takeFrame(String userId) {
        frames.ifPresent(limit -> limit.take(userId));
    }

    /** The rates, from the environment or application.yaml ({@code app.rate-limits}). */
    public record Rates(RateLimit.Rate requests, RateLimit.Rate sends, RateLimit.Rate frames) {
        public static Rates from(EnvConfig config) {
            return new Rates(rate(config, "REQUESTS", "requests"), rate(config, "SENDS", "sends"),
                    rate(config, "WS_FRAMES", "websocket-frames"));
        }

        private static RateLimit.Rate rate(EnvConfig config, String env, String key) {
            return new RateLimit.Rate(
                    config.integer("RATE_LIMIT_" + env + "_BURST", "app.rate-limits." + key + ".burst"),
                    config.integer("RATE_LIMIT_" + env + "_PER_SECOND", "app.rate-limits." + key + ".per-second"));
        }
    }
}
