package io.wechat.notification.support;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import au.com.dius.pact.core.model.V4Interaction;
import io.wechat.kit.events.SqsBatch;
import io.wechat.kit.testing.TestCloud;
import io.wechat.notification.Main;
import io.wechat.notification.Settings;
import io.wechat.notification.storage.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What a consumer pact test feeds its messages to: the production services over a notifications table of its own
 * in the emulator (so {@code EventLedger}'s conditional writes and leases run for real) and a recording push gateway.
 */
public final class PactConsumerStore implements AutoCloseable {
    public final DynamoDbClient dynamo = TestCloud.configure(DynamoDbClient.builder()).build();
    public final Table table = TestTable.create(dynamo, "notif-pact-" + UUID.randomUUID().toString().substring(0, 8));
    public final RecordingPushGateway pushes = new RecordingPushGateway();
    public final Main.Services services;

    public PactConsumerStore() {
        Settings settings = new Settings(TestCloud.region(), Optional.of(TestCloud.endpoint().toString()), table.name(),
                Optional.empty(), Optional.empty(), "http://issuer", "wechat-app", "http://127.0.0.1:1/jwks",
                Duration.ofSeconds(60));
        services = Main.services(settings, dynamo, pushes, Clock.systemUTC());
    }

    /**
     * Hands the message to the production handler as one SQS record, twice (delivery is at least once, and the
     * second must change nothing): both deliveries must succeed.
     */
    public void consumeTwice(V4Interaction.AsynchronousMessage message) {
        String body = new String(message.getContents().getContents().getValue(), StandardCharsets.UTF_8);
        for (int delivery = 1; delivery <= 2; delivery++) {
            var response = services.messageSent().handle(List.of(new SqsBatch.Record("m-" + delivery, body)));
            if (!response.batchItemFailures().isEmpty()) {
                throw new AssertionError("delivery " + delivery + " of the message failed: " + response.batchItemFailures());
            }
        }
    }

    @Override
    public void close() {
        TestTable.delete(dynamo, table);
        dynamo.close();
    }
}
