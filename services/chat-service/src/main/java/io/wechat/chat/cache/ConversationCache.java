package io.wechat.chat.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.wechat.chat.conversations.ConversationType;

/**
 * The members and type of each conversation a message is sent to, in Redis ({@code conv:<id>:members} = {@code
 * <loadedAtMillis>|<type>|<id>,<id>,...}), so that a send reads them without the member Query and the conversation
 * GetItem. Every change of members or conversation publishes an event, and {@link InvalidatingEventPublisher} drops the
 * entry then, so a send after a change reads the table again.
 *
 * <p>Bounded staleness: a send that read the table just before a change may put the old members back after the change
 * dropped them. An entry is therefore used for at most {@link #staleness} after it was read from the table (by the
 * service's clock), and Redis expires it soon after. So a removed member stops receiving at once in the usual case,
 * and at the latest {@code staleness} after their removal. A Redis that does not answer is skipped: the table is read.
 */
public final class ConversationCache {
    private static final System.Logger LOG = System.getLogger(ConversationCache.class.getName());
    private final StatefulRedisConnection<String, String> redis;
    private final Clock clock;
    private final Duration staleness;

    /** One conversation as the send path needs it. */
    public record Entry(ConversationType type, List<String> memberIds) {
        public Entry {
            Objects.requireNonNull(type, "type");
            memberIds = List.copyOf(memberIds);
        }
    }

    public ConversationCache(StatefulRedisConnection<String, String> redis, Clock clock, Duration staleness) {
        this.redis = redis;
        this.clock = clock;
        this.staleness = staleness;
    }

    public Duration staleness() {
        return staleness;
    }

    /** The cached entry when it is younger than the staleness bound, else {@code load}'s, cached. */
    public Entry get(String conversationId, Function<String, Entry> load) {
        long now = clock.millis();
        String cached = null;
        try {
            cached = redis.sync().get(key(conversationId));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Conversation cache unavailable, reading the table: " + e.getMessage());
        }
        if (cached != null) {
            String[] parts = cached.split("\\|", 3);
            if (parts.length == 3 && now - Long.parseLong(parts[0]) < staleness.toMillis()) {
                return new Entry(ConversationType.parse(parts[1]),
                        parts[2].isEmpty() ? List.of() : Arrays.asList(parts[2].split(",")));
            }
        }
        Entry fresh = load.apply(conversationId);
        try {
            redis.sync().set(key(conversationId), now + "|" + fresh.type().wire() + "|" + String.join(",", fresh.memberIds()),
                    SetArgs.Builder.px(2 * staleness.toMillis()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Conversation cache unavailable: " + e.getMessage());
        }
        return fresh;
    }

    /** Drops the entry: the conversation or its members changed. */
    public void invalidate(String conversationId) {
        redis.sync().del(key(conversationId));
    }

    private static String key(String conversationId) {
        return "conv:" + conversationId + ":members";
    }
}
