package io.wechat.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lettuce.core.api.StatefulRedisConnection;
import io.wechat.chat.cache.BlockCache;
import io.wechat.chat.support.ChatStack;
import io.wechat.chat.support.ChatStack.User;
import io.wechat.chat.support.TestRedis;
import io.wechat.chat.users.BlockStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The blocks a send reads from Redis (BlockCache): a block or unblock counts at once when its event is handled, a
 * block whose invalidation was lost (recorded behind the cache's back, as when a send raced the event) counts once the
 * staleness bound has passed, and a Redis that does not answer leaves the table to decide, never letting a send
 * through a block. Against the real Redis and emulator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlockCacheIT {
    @RegisterExtension
    static final ChatStack stack = ChatStack.direct();

    private int send(User from, String conversationId) {
        return stack.send(from, conversationId, Map.of("type", "text", "text", "hi")).status();
    }

    private BlockStore table() {
        return new BlockStore(stack.fixture().dynamo, stack.fixture().tables.conversations());
    }

    @Test
    void aBlockStopsTheBlockedUsersDirectMessagesOnceItsEventIsHandled() {
        User alice = stack.user("Alice");
        User bob = stack.user("Bob");
        String id = stack.direct(alice, bob);
        assertThat("cached: Bob does not block Alice", send(alice, id), is(201));

        assertThat(stack.deliverUserEvent("user.blocked", Map.of("blockerId", bob.id(), "blockedId", alice.id())), is(true));
        ChatStack.assertError(stack.send(alice, id, Map.of("type", "text", "text", "hi")), 403, "blocked");
        assertThat("the blocker still writes", send(bob, id), is(201));

        // The unblock comes later than the block (newer occurredAt), and counts at once too.
        stack.fixture().clock.advance(Duration.ofSeconds(1));
        assertThat(stack.deliverUserEvent("user.unblocked", Map.of("blockerId", bob.id(), "blockedId", alice.id())), is(true));
        assertThat(send(alice, id), is(201));
    }

    @Test
    void aBlockWhoseInvalidationWasLostCountsWithinTheStalenessBound() {
        User alice = stack.user("Alice");
        User bob = stack.user("Bob");
        String id = stack.direct(alice, bob);
        assertThat(send(alice, id), is(201));
        // Recorded without the event's invalidation, as when a send read the table just before the block and cached
        // its answer just after the event dropped it: the cached answer still counts...
        table().record(bob.id(), alice.id(), true, Instant.now().toString());
        assertThat(send(alice, id), is(201));

        // ...for at most the bound after it was read.
        stack.fixture().clock.advance(Main.BLOCKS_STALENESS.plusSeconds(1));
        ChatStack.assertError(stack.send(alice, id, Map.of("type", "text", "text", "hi")), 403, "blocked");
    }

    @Test
    void withRedisDownTheTableDecides() {
        User alice = stack.user("Alice");
        User bob = stack.user("Bob");
        User carol = stack.user("Carol");
        String id = stack.direct(alice, bob);
        assertThat("cached: Bob does not block Alice", send(alice, id), is(201));
        table().record(bob.id(), alice.id(), true, Instant.now().toString());
        assertThat("the cache still says Bob does not block Alice", send(alice, id), is(201));

        StatefulRedisConnection<String, String> down = TestRedis.connect();
        down.close();
        BlockCache withoutRedis = new BlockCache(down, table(), stack.fixture().clock, Main.BLOCKS_STALENESS);
        assertThat(withoutRedis.blockersAmong(alice.id(), List.of(bob.id(), carol.id())), is(Set.of(bob.id())));
    }
}
