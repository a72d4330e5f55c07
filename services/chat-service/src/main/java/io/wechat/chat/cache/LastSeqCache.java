package io.wechat.chat.cache;

import java.time.Duration;
import java.util.OptionalLong;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * The last seq of each conversation as the latest send saw it commit ({@code conv:<id>:last-seq}): a send's guess at
 * the meta item's {@code last_seq}, so that it goes straight to its transaction without reading that item first. Only
 * a guess: the transaction's condition on {@code last_seq} is the truth, and a wrong guess (another send or a system
 * message came in between, or two sends wrote their guesses out of order) costs one consistent read and one more
 * transaction, never a wrong seq. So it needs no invalidation and no staleness bound; it expires after {@link #KEPT}
 * to leave no key behind for a quiet conversation. A Redis that does not answer is skipped: the meta item is read.
 */
public final class LastSeqCache {
    static final Duration KEPT = Duration.ofDays(1);
    private static final System.Logger LOG = System.getLogger(LastSeqCache.class.getName());
    private final StatefulRedisConnection<String, String> redis;

    public LastSeqCache(StatefulRedisConnection<String, String> redis) {
        this.redis = redis;
    }

    /** The guess, if any. */
    public OptionalLong get(String conversationId) {
        try {
            String value = redis.sync().get(key(conversationId));
            return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Sequence cache unavailable, reading the conversation: " + e.getMessage());
            return OptionalLong.empty();
        }
    }

    /**
     * {@code seq} was committed as the conversation's last. Not awaited, so the send's answer does not wait for it: a
     * later {@link #get} on the same connection is served after it all the same (Redis answers a connection in order).
     */
    public void put(String conversationId, long seq) {
        try {
            redis.async().set(key(conversationId), Long.toString(seq), SetArgs.Builder.px(KEPT.toMillis()))
                    .exceptionally(e -> {
                        LOG.log(System.Logger.Level.WARNING, "Sequence cache not written: " + e.getMessage());
                        return null;
                    });
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Sequence cache unavailable: " + e.getMessage());
        }
    }

    private static String key(String conversationId) {
        return "conv:" + conversationId + ":last-seq";
    }
}
