package io.wechat.chat.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.WebServer;
import io.lettuce.core.api.StatefulRedisConnection;
import io.wechat.chat.Main;
import io.wechat.chat.Settings;
import io.wechat.chat.admin.AdminSettings;
import io.wechat.chat.events.SnsEventPublisher;
import io.wechat.chat.limits.UserLimits;
import io.wechat.chat.realtime.ConnectionRegistry;
import io.wechat.chat.realtime.ManagementApiSender;
import io.wechat.chat.storage.Tables;
import io.wechat.kit.testing.Api;
import io.wechat.kit.testing.OffsetClock;
import io.wechat.kit.testing.TestCloud;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * chat-service wired as Main wires it, against the emulator, on a set of tables and an events topic of its own made by
 * Terraform's modules ({@link ChatResources}, {@code terraform/fixtures/chat}); the test's own queue subscribed to the
 * topic (raw delivery) to observe the events; a test identity provider; a clock the tests can move.
 */
public final class ChatServiceFixture implements AutoCloseable {
    public final DynamoDbClient dynamo = TestCloud.configure(DynamoDbClient.builder()).build();
    public final SnsClient sns = TestCloud.configure(SnsClient.builder()).build();
    public final SqsClient sqs = TestCloud.configure(SqsClient.builder()).build();
    public final TestIdentity identity = new TestIdentity();
    public final OffsetClock clock = new OffsetClock();
    public final Tables tables;
    public final String moderationTable;
    public final String topicArn;
    public final String eventsQueueUrl;
    private final String eventsSubscriptionArn;
    private final String messagesStreamArn;
    public final StatefulRedisConnection<String, String> redis = TestRedis.connect();
    public final Main.Services services;
    private final Settings settings;
    private final AdminSettings admin;
    private final ManagementApiSender sender;
    private final UserLimits limits;
    public final WebServer server;
    public final Api api;
    private final AtomicLong streamSequence = new AtomicLong();

    /** No WebSocket management API and no media-service: nothing listens on port 9. */
    public ChatServiceFixture() {
        this("http://127.0.0.1:9", "http://127.0.0.1:9");
    }

    /** {@code managementUrl}: the @connections endpoint (an edge); {@code mediaUrl}: media-service or a stub. */
    public ChatServiceFixture(String managementUrl, String mediaUrl) {
        this(managementUrl, mediaUrl, "http://127.0.0.1:9", List.of());
    }

    /**
     * Also {@code notificationUrl}: notification-service or a stub (push figures), and {@code queueUrls}: the queues
     * whose depth {@code GET /admin/stats} shows.
     */
    public ChatServiceFixture(String managementUrl, String mediaUrl, String notificationUrl, List<String> queueUrls) {
        this(managementUrl, mediaUrl, notificationUrl, queueUrls, Optional.empty());
    }

    /** With per-user rate limits at {@code rates} (without: none, as for tests of other concerns). */
    public ChatServiceFixture(UserLimits.Rates rates) {
        this("http://127.0.0.1:9", "http://127.0.0.1:9", "http://127.0.0.1:9", List.of(), Optional.of(rates));
    }

    private ChatServiceFixture(String managementUrl, String mediaUrl, String notificationUrl, List<String> queueUrls,
                               Optional<UserLimits.Rates> rates) {
        ChatResources resources = ChatResources.claim(dynamo);
        tables = resources.tables();
        moderationTable = resources.moderationTable();
        topicArn = resources.topicArn();
        messagesStreamArn = resources.messagesStreamArn();
        eventsQueueUrl = sqs.createQueue(b -> b.queueName(resources.namePrefix() + "-observer")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(eventsQueueUrl)
                .attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
        eventsSubscriptionArn = sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "true"))).subscriptionArn();
        settings = new Settings(TestCloud.region(), Optional.of(TestCloud.endpoint().toString()),
                tables.messages(), tables.conversations(), topicArn,
                identity.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(60),
                TestIdentity.ISSUER, TestIdentity.AUDIENCE, identity.jwksUrl(),
                TestRedis.uri(), managementUrl, mediaUrl, Duration.ofSeconds(2), Optional.empty(),
                ConnectionRegistry.Limits.DEFAULT, tables.search());
        sender = new ManagementApiSender(Main.managementApi(settings));
        admin = new AdminSettings(moderationTable, notificationUrl, Duration.ofSeconds(2), queueUrls);
        limits = rates.map(r -> UserLimits.of(redis::sync, r)).orElse(UserLimits.NONE);
        services = services(dynamo);
        server = WebServer.builder().host("127.0.0.1").port(0).maxPayloadSize(1024 * 1024)
                .update(builder -> Main.server(builder, services)).build().start();
        api = new Api("http://127.0.0.1:" + server.port());
    }

    /** Another instance of the service on the same tables and Redis, calling DynamoDB through {@code client}. */
    public Main.Services services(DynamoDbClient client) {
        return Main.services(settings, admin, client, sqs, new SnsEventPublisher(sns, topicArn, clock), redis, sender, clock,
                limits);
    }

    /**
     * The stream of the fixture's messages table, as Terraform read it from the table it made, from which the local
     * edge delivers batches to POST /events.
     */
    public String messagesStreamArn() {
        return messagesStreamArn;
    }

    /**
     * Delivers a sent message's record of the messages table's stream to {@code POST /events}, as Lambda delivers it,
     * for a test without the edge (which delivers the stream otherwise): what a committed message moves besides
     * itself, such as its members' lists, comes from there.
     */
    public void deliverFromStream(JsonNode sentMessage) {
        var delivered = api.post("/events", null, StreamRecords.batch(StreamRecords.insert(messagesStreamArn(), sentMessage,
                Long.toString(streamSequence.incrementAndGet()))));
        if (delivered.status() != 200 || !delivered.body().path("batchItemFailures").isEmpty()) {
            throw new AssertionError("The stream record of " + sentMessage.path("messageId") + " failed: " + delivered);
        }
    }

    @Override
    public void close() {
        server.stop();
        redis.close();
        identity.close();
        // Unsubscribed first, so that nothing is published to a deleted queue; the claimed set stays in the emulator
        // under the run's prefix, as everything a fixture made does.
        sns.unsubscribe(b -> b.subscriptionArn(eventsSubscriptionArn));
        sqs.deleteQueue(b -> b.queueUrl(eventsQueueUrl));
    }
}
