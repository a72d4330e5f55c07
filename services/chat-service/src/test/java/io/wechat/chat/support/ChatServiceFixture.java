package io.wechat.chat.support;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.wechat.chat.Main;
import io.wechat.chat.Settings;
import io.wechat.chat.events.SnsEventPublisher;
import io.wechat.chat.storage.Tables;
import io.helidon.webserver.WebServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * chat-service wired as Main wires it, against the emulator: its own tables, topic, and a queue subscribed
 * to the topic (raw delivery) to observe the events, all with unique names; a test identity provider; a
 * clock the tests can move.
 */
public final class ChatServiceFixture implements AutoCloseable {
    public final DynamoDbClient dynamo = TestCloud.dynamo();
    public final SnsClient sns = TestCloud.sns();
    public final SqsClient sqs = TestCloud.sqs();
    public final TestIdentity identity = new TestIdentity();
    public final OffsetClock clock = new OffsetClock();
    public final Tables tables;
    public final String topicArn;
    public final String eventsQueueUrl;
    public final Main.Services services;
    public final WebServer server;
    public final Api api;

    public ChatServiceFixture() {
        String prefix = "chat-it-" + UUID.randomUUID().toString().substring(0, 8);
        tables = TestTables.create(dynamo, prefix);
        topicArn = sns.createTopic(b -> b.name(prefix + "-chat-events")).topicArn();
        eventsQueueUrl = sqs.createQueue(b -> b.queueName(prefix + "-observer")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(eventsQueueUrl)
                .attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                .attributes(java.util.Map.of("RawMessageDelivery", "true")));
        Settings settings = new Settings(TestCloud.region(), Optional.of(TestCloud.endpoint().toString()),
                tables.messages(), tables.conversations(), topicArn, Optional.empty(), false,
                identity.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(60),
                TestIdentity.ISSUER, TestIdentity.AUDIENCE, identity.jwksUrl());
        services = Main.services(settings, dynamo, new SnsEventPublisher(sns, topicArn, clock), clock);
        server = WebServer.builder().host("127.0.0.1").port(0).maxPayloadSize(1024 * 1024)
                .update(builder -> Main.server(builder, services)).build().start();
        api = new Api("http://127.0.0.1:" + server.port());
    }

    @Override
    public void close() {
        server.stop();
        identity.close();
        TestTables.delete(dynamo, tables);
        sqs.deleteQueue(b -> b.queueUrl(eventsQueueUrl));
        sns.deleteTopic(b -> b.topicArn(topicArn));
    }
}
