package io.wechat.notification.support;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import au.com.dius.pact.core.model.V4Interaction;
import io.wechat.kit.events.SqsBatch;
import io.wechat.kit.testing.TestCloud;
import io.wechat.kit.testing.UniqueIds;
import io.wechat.notification.Main;
import io.wechat.notification.Settings;
import io.wechat.notification.storage.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What a consumer pact test feeds its messages to: the production services over the notifications table Terraform's
 * platform module makes (the run's {@code terraform/fixtures/platform}, shared with every other test, so
 * {@code EventLedger}'s conditional writes and leases run for real) and a recording push gateway. The test's example
 * ids get values of its own ({@link #id}), in the messages too, so that it meets no other test's data.
 */
public final class PactConsumerStore implements AutoCloseable {
    public final DynamoDbClient dynamo = TestCloud.configure(DynamoDbClient.builder()).build();
    public final Table table = NotificationServiceFixture.notificationsTable();
    public final RecordingPushGateway pushes = new RecordingPushGateway();
    public final Main.Services services;
    private final UniqueIds ids;

    /** A store for a test whose messages and data name these example ids ({@code "u-2"}, ...). */
    public PactConsumerStore(String... examples) {
        ids = new UniqueIds(examples);
        Settings settings = new Settings(TestCloud.region(), Optional.of(TestCloud.endpoint().toString()), table.name(),
                Optional.empty(), Optional.empty(), "http://issuer", "wechat-app", "http://127.0.0.1:1/jwks",
                Duration.ofSeconds(60));
        services = Main.services(settings, dynamo, pushes, Clock.systemUTC());
    }

    /** This test's value for one of its example ids. */
    public String id(String example) {
        return ids.of(example);
    }

    /**
     * Hands the message, with this test's ids in place of the examples, to the production handler as one SQS record,
     * twice (delivery is at least once, and the second must change nothing): both deliveries must succeed.
     */
    public void consumeTwice(V4Interaction.AsynchronousMessage message) {
        String body = ids.rewrite(new String(message.getContents().getContents().getValue(), StandardCharsets.UTF_8));
        for (int delivery = 1; delivery <= 2; delivery++) {
            var response = services.messageSent().handle(List.of(new SqsBatch.Record("m-" + delivery, body)));
            if (!response.batchItemFailures().isEmpty()) {
                throw new AssertionError("delivery " + delivery + " of the message failed: " + response.batchItemFailures());
            }
        }
    }

    @Override
    public void close() {
        dynamo.close();
    }
}
