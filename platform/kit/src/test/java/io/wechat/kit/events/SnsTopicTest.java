package io.wechat.kit.events;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.wechat.kit.testing.TestCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Batched publishing against the emulator's topic; the calls are seen, and one refused, by an interceptor. */
class SnsTopicTest {
    private static final List<Integer> entriesPerCall = new CopyOnWriteArrayList<>();
    private static final AtomicInteger refuseCall = new AtomicInteger();
    private static SnsClient sns;
    private static String topicArn;

    @BeforeAll
    static void createTopic() {
        sns = TestCloud.configure(SnsClient.builder()).overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PublishBatchRequest batch) {
                    entriesPerCall.add(batch.publishBatchRequestEntries().size());
                    if (entriesPerCall.size() == refuseCall.get()) {
                        throw new IllegalStateException("refused by the test");
                    }
                }
            }
        })).build();
        topicArn = sns.createTopic(b -> b.name("kit-topic-" + UUID.randomUUID())).topicArn();
    }

    @AfterAll
    static void deleteTopic() {
        sns.deleteTopic(b -> b.topicArn(topicArn));
    }

    @BeforeEach
    void reset() {
        entriesPerCall.clear();
        refuseCall.set(0);
    }

    private static List<EventEnvelope> events(int count, int payloadChars) {
        return IntStream.range(0, count).mapToObj(i -> EventEnvelope.of("thing.done",
                Map.of("n", i, "text", "x".repeat(payloadChars)), Clock.systemUTC())).toList();
    }

    @Test
    void eventsGoInCallsOfTen() {
        new SnsTopic(sns, topicArn).publishAll(events(23, 10), Map.of("conversationId", "c-1"));
        assertThat(entriesPerCall, contains(10, 10, 3));
    }

    @Test
    void aCallHoldsAt256KiBOfEvents() {
        new SnsTopic(sns, topicArn).publishAll(events(3, 100_000), Map.of());
        assertThat(entriesPerCall, contains(2, 1));
    }

    @Test
    void aRefusedCallNamesHowManyEventsWerePublishedBeforeIt() {
        refuseCall.set(2);
        PartlyPublished partly = assertThrows(PartlyPublished.class,
                () -> new SnsTopic(sns, topicArn).publishAll(events(23, 10), Map.of()));
        assertThat(partly.published(), is(10));
        assertThat(entriesPerCall, contains(10, 10));
    }
}
