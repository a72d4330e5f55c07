package io.wechat.chat.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.wechat.chat.events.UserEventsHandler;
import io.wechat.chat.users.BlockStore;
import io.wechat.kit.events.EventEnvelope;

/**
 * Who blocks whom, as a send asks it, in Redis ({@code block:<blockerId>:<blockedId>} = {@code <loadedAtMillis>|1} when
 * blocked, {@code |0} when not), so that a send makes no BatchGetItem of the block items. The block store (the table)
 * stays the truth: a pair not cached, or cached longer than {@link #staleness} ago, is read from it (all such pairs of
 * one send in one BatchGetItem) and cached. Every {@code user.blocked} / {@code user.unblocked} event, once recorded
 * in the table, drops its pair's entry (this is a listener of {@link UserEventsHandler}), so the next send reads the
 * table.
 *
 * <p>Bounded staleness, as in {@link ConversationCache}: a send that read the table just before a block may put the
 * old answer back after the event dropped it, so an entry is used for at most {@code staleness} after it was read (by
 * the service's clock), and Redis expires it soon after. A block therefore stops the blocked user's messages once its
 * event is handled, and at the latest {@code staleness} after that when such a race happened. A Redis that does not
 * answer is skipped: the table is read, so a block is never bypassed because Redis is down.
 */
public final class BlockCache implements UserEventsHandler.Listener {
    private static final System.Logger LOG = System.getLogger(BlockCache.class.getName());
    private static final long WRITE_TIMEOUT_SECONDS = 2;
    private final StatefulRedisConnection<String, String> redis;
    private final BlockStore table;
    private final Clock clock;
    private final Duration staleness;

    public BlockCache(StatefulRedisConnection<String, String> redis, BlockStore table, Clock clock, Duration staleness) {
        this.redis = redis;
        this.table = table;
        this.clock = clock;
        this.staleness = staleness;
    }

    public Duration staleness() {
        return staleness;
    }

    /**
     * Which of {@code candidates} block {@code blockedId}: the cached answers younger than the staleness bound, the
     * others from the table (consistent reads), then cached.
     */
    public Set<String> blockersAmong(String blockedId, Collection<String> candidates) {
        List<String> blockerIds = List.copyOf(candidates);
        if (blockerIds.isEmpty()) {
            return Set.of();
        }
        long now = clock.millis();
        Set<String> blockers = new HashSet<>();
        List<String> unknown = new ArrayList<>();
        List<KeyValue<String, String>> cached = cached(blockerIds.stream().map(id -> key(id, blockedId)).toList());
        for (int i = 0; i < blockerIds.size(); i++) {
            String value = cached == null ? null : cached.get(i).getValueOrElse(null);
            String[] parts = value == null ? null : value.split("\\|", 2);
            if (parts != null && parts.length == 2 && now - Long.parseLong(parts[0]) < staleness.toMillis()) {
                if (parts[1].equals("1")) {
                    blockers.add(blockerIds.get(i));
                }
            } else {
                unknown.add(blockerIds.get(i));
            }
        }
        if (!unknown.isEmpty()) {
            Set<String> read = table.blockersAmong(blockedId, unknown);
            blockers.addAll(read);
            remember(blockedId, unknown, read, now);
        }
        return blockers;
    }

    /** The entries of {@code keys} in their order (one MGET); null when Redis does not answer. */
    private List<KeyValue<String, String>> cached(List<String> keys) {
        try {
            return redis.sync().mget(keys.toArray(String[]::new));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Block cache unavailable, reading the table: " + e.getMessage());
            return null;
        }
    }

    /** Caches what the table answered, every SET sent before the first answer is awaited (one round trip). */
    private void remember(String blockedId, List<String> readIds, Set<String> blockers, long loadedAt) {
        try {
            List<RedisFuture<String>> writes = new ArrayList<>();
            for (String blockerId : readIds) {
                writes.add(redis.async().set(key(blockerId, blockedId),
                        loadedAt + "|" + (blockers.contains(blockerId) ? "1" : "0"),
                        SetArgs.Builder.px(2 * staleness.toMillis())));
            }
            if (!LettuceFutures.awaitAll(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS, writes.toArray(RedisFuture[]::new))) {
                LOG.log(System.Logger.Level.WARNING, "Block cache writes timed out");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Block cache unavailable: " + e.getMessage());
        }
    }

    @Override
    public boolean takes(String type) {
        return type.equals("user.blocked") || type.equals("user.unblocked");
    }

    /**
     * Drops the pair's entry, after the handler recorded the event in the table. A failure to drop it is logged and
     * left to the staleness bound, as {@link InvalidatingEventPublisher} does for the members.
     */
    @Override
    public void on(EventEnvelope event) {
        String blockerId = event.payload().path("blockerId").asText();
        String blockedId = event.payload().path("blockedId").asText();
        try {
            redis.sync().del(key(blockerId, blockedId));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot drop the cached block of " + blockerId + " on " + blockedId
                    + " (stale for at most " + staleness.toSeconds() + " s): " + e.getMessage());
        }
    }

    private static String key(String blockerId, String blockedId) {
        return "block:" + blockerId + ":" + blockedId;
    }
}
