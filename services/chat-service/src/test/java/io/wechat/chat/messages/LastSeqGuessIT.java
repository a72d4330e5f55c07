package io.wechat.chat.messages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import io.wechat.chat.cache.LastSeqCache;
import io.wechat.chat.support.ChatStack;
import io.wechat.chat.support.ChatStack.User;
import io.wechat.kit.testing.TestCloud;
import io.wechat.kit.web.Times;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The send's guess at a conversation's last seq (LastSeqCache, in Redis): a send with a guess goes straight to its
 * transaction; a wrong guess costs one read and one more transaction and never a wrong seq; concurrent sends keep the
 * seqs gapless and unique. The store's DynamoDB calls are counted by an interceptor on a client of the real emulator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LastSeqGuessIT {
    @RegisterExtension
    static final ChatStack stack = ChatStack.direct();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private MessageStore store;

    @BeforeAll
    void start() {
        DynamoDbClient counted = TestCloud.configure(DynamoDbClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        calls.add(context.request().getClass().getSimpleName());
                    }
                })).build();
        store = new MessageStore(counted, stack.fixture().tables, new LastSeqCache(stack.fixture().redis));
    }

    private static Message draft(String conversationId, User sender) {
        return new Message(UUID.randomUUID().toString(), conversationId, 0, sender.id(), "text", "hello", null,
                "c-" + UUID.randomUUID(), Times.format(Instant.now()), null, false);
    }

    /** Sends one message through the store: its seq, and the DynamoDB calls the send made. */
    private long send(String conversationId, User sender, List<String> made) {
        calls.clear();
        long seq = store.send(draft(conversationId, sender), Instant.now()).message().seq();
        made.addAll(calls);
        return seq;
    }

    private String guessKey(String conversationId) {
        return "conv:" + conversationId + ":last-seq";
    }

    @Test
    void aSendWithAGuessMakesNoReadAndAWrongGuessCostsOneRetryNotAWrongSeq() {
        User alice = stack.user("Alice");
        User bob = stack.user("Bob");
        String id = stack.direct(alice, bob);

        List<String> first = new ArrayList<>();
        assertThat(send(id, alice, first), is(1L));
        assertThat("no guess yet: the meta item is read", first, is(List.of("GetItemRequest", "TransactWriteItemsRequest")));

        List<String> second = new ArrayList<>();
        assertThat(send(id, bob, second), is(2L));
        assertThat("the guess: straight to the transaction", second, is(List.of("TransactWriteItemsRequest")));

        stack.fixture().redis.sync().set(guessKey(id), "1");
        List<String> behind = new ArrayList<>();
        assertThat(send(id, alice, behind), is(3L));
        assertThat(behind, is(List.of("TransactWriteItemsRequest", "GetItemRequest", "TransactWriteItemsRequest")));

        stack.fixture().redis.sync().set(guessKey(id), "40");
        List<String> ahead = new ArrayList<>();
        assertThat(send(id, alice, ahead), is(4L));
        assertThat(ahead, is(List.of("TransactWriteItemsRequest", "GetItemRequest", "TransactWriteItemsRequest")));
        assertThat("the guess is right again", stack.fixture().redis.sync().get(guessKey(id)), is("4"));

        List<String> history = stack.api().get("/conversations/" + id + "/messages?limit=10", alice.token()).body()
                .path("items").findValuesAsText("seq");
        assertThat(history, is(List.of("4", "3", "2", "1")));
    }

    @Test
    void concurrentSendsToOneConversationGetGaplessUniqueSeqs() throws Exception {
        User alice = stack.user("Alice");
        User bob = stack.user("Bob");
        String id = stack.direct(alice, bob);
        int senders = 6;
        int each = 4;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Long>>> sent = new ArrayList<>();
        try (var executor = Executors.newFixedThreadPool(senders)) {
            for (int s = 0; s < senders; s++) {
                User sender = s % 2 == 0 ? alice : bob;
                sent.add(executor.submit(() -> {
                    go.await();
                    List<Long> seqs = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        seqs.add(store.send(draft(id, sender), Instant.now()).message().seq());
                    }
                    return seqs;
                }));
            }
            go.countDown();
        }
        List<Long> seqs = new ArrayList<>();
        for (Future<List<Long>> answer : sent) {
            seqs.addAll(answer.get());
        }
        seqs.sort(Long::compare);
        assertThat(seqs, is(LongStream.rangeClosed(1, senders * each).boxed().toList()));
        List<String> stored = stack.api().get("/conversations/" + id + "/messages?limit=100", alice.token()).body()
                .path("items").findValuesAsText("seq");
        assertThat(stored.stream().map(Long::parseLong).sorted().toList(), is(seqs));
    }
}
