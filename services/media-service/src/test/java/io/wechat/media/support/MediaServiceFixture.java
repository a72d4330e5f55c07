package io.wechat.media.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import io.helidon.webserver.WebServer;
import io.wechat.kit.events.SqsBatch;
import io.wechat.kit.testing.Api;
import io.wechat.kit.testing.TerraformFixture;
import io.wechat.kit.testing.TestCloud;
import io.wechat.kit.testing.TestIssuer;
import io.wechat.media.Main;
import io.wechat.media.Settings;
import io.wechat.media.events.S3EventsHandler;
import io.wechat.media.events.SnsEventPublisher;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * media-service wired as Main wires it, against the emulator, on the resources Terraform's platform module makes
 * (applied once per test run under a run-unique prefix, {@code terraform/fixtures/platform}): the versioned media
 * bucket whose ObjectCreated notifications of {@code uploads/} keys go to the media-uploads queue, the media table, the
 * media events topic; the test's own observer queue on that topic (raw delivery), a test identity provider and a
 * chat-service stub. Every test works with users and keys of its own, so the tests share the bucket and table. {@link #deliverUploads} plays the SQS event source
 * mapping: it reads the uploads queue and posts the batch to {@code POST /events}.
 */
public final class MediaServiceFixture implements AutoCloseable {
    public final S3Client s3 = TestCloud.configure(S3Client.builder()).forcePathStyle(true).build();
    public final DynamoDbClient dynamo = TestCloud.configure(DynamoDbClient.builder()).build();
    public final SnsClient sns = TestCloud.configure(SnsClient.builder()).build();
    public final SqsClient sqs = TestCloud.configure(SqsClient.builder()).build();
    public final TestIssuer identity = new TestIssuer();
    public final ChatServiceStub chat = new ChatServiceStub();
    public final String bucket;
    public final String table;
    public final String topicArn;
    public final String uploadsQueueUrl;
    /** The service's settings and AWS clients, as Main builds them. */
    public final Settings settings;
    public final Main.Clients clients;
    public final String eventsQueueUrl;
    private final String eventsSubscriptionArn;
    public final WebServer server;
    public final Api api;

    public MediaServiceFixture() {
        TerraformFixture platform = TerraformFixture.shared("platform");
        bucket = platform.output("service_environment", "media-service", "MEDIA_BUCKET");
        table = mediaTable();
        topicArn = platform.output("service_environment", "media-service", "MEDIA_EVENTS_TOPIC_ARN");
        uploadsQueueUrl = platform.output("queue_urls", "media-uploads");
        eventsQueueUrl = sqs.createQueue(b -> b.queueName(platform.namePrefix() + "-observer-" + UUID.randomUUID()
                .toString().substring(0, 8))).queueUrl();
        String eventsArn = queueArn(eventsQueueUrl);
        eventsSubscriptionArn = sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(eventsArn)
                .attributes(Map.of("RawMessageDelivery", "true"))).subscriptionArn();

        settings = new Settings(TestCloud.region(), Optional.of(TestCloud.endpoint().toString()), bucket, table,
                topicArn, chat.baseUrl(), Duration.ofSeconds(2), TestIssuer.ISSUER, TestIssuer.AUDIENCE,
                identity.jwksUrl(), Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofDays(1),
                Settings.CloudFront.none());
        Clock clock = Clock.systemUTC();
        clients = Main.clients(settings, TestCloud.HTTP, TestCloud.credentials());
        Main.Services services = Main.services(settings, clients, Main.downloadUrls(settings, clients, TestCloud.HTTP, clock),
                new SnsEventPublisher(sns, topicArn), clock);
        server = WebServer.builder().host("127.0.0.1").port(0).maxPayloadSize(256 * 1024)
                .update(builder -> Main.server(builder, services)).build().start();
        api = new Api("http://127.0.0.1:" + server.port());
    }

    /** The platform's media table, which every test of the run shares. */
    public static String mediaTable() {
        return TerraformFixture.shared("platform").output("service_environment", "media-service", "MEDIA_TABLE");
    }

    /** What one delivery of the uploads queue did: the SQS records posted and the service's answer. */
    public record Delivery(List<SqsBatch.Record> records, Api.Response response) {
    }

    /**
     * Waits (up to 10 s) until the uploads queue holds an S3 notification mentioning {@code key}, posts
     * everything received as one Lambda SQS batch to {@code POST /events}, and deletes the messages that
     * did not fail.
     */
    public Delivery deliverUploads(String key) {
        // Notifications carry the key URL-encoded ("uploads%2Fu-1%2F...").
        String encoded = URLEncoder.encode(key, StandardCharsets.UTF_8);
        Predicate<Message> mentionsKey = m -> m.body().contains(key) || m.body().contains(encoded);
        List<Message> received = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (received.stream().noneMatch(mentionsKey) && System.nanoTime() < deadline) {
            received.addAll(sqs.receiveMessage(b -> b.queueUrl(uploadsQueueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages());
        }
        if (received.stream().noneMatch(mentionsKey)) {
            throw new AssertionError("No S3 notification for " + key + " arrived on the uploads queue");
        }
        List<SqsBatch.Record> records = received.stream()
                .map(m -> new SqsBatch.Record(m.messageId(), m.body())).toList();
        Api.Response response = post(records);
        List<String> failed = new ArrayList<>();
        response.body().path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
        received.stream().filter(m -> !failed.contains(m.messageId()))
                .forEach(m -> sqs.deleteMessage(b -> b.queueUrl(uploadsQueueUrl).receiptHandle(m.receiptHandle())));
        return new Delivery(records, response);
    }

    /** Posts SQS records as one Lambda SQS batch, as the edge (or Lambda) does. */
    public Api.Response post(List<SqsBatch.Record> records) {
        return api.post("/events", null, SqsBatches.of(records));
    }

    /** The media events published since the last call (envelopes), waiting up to {@code wait}. */
    public List<Message> events(Duration wait) {
        List<Message> all = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            var messages = sqs.receiveMessage(b -> b.queueUrl(eventsQueueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages();
            messages.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(eventsQueueUrl).receiptHandle(m.receiptHandle())));
            all.addAll(messages);
        } while (all.isEmpty() && System.nanoTime() < deadline);
        return all;
    }

    /**
     * Every media event published before this call, and no later one: a marker published to the topic now follows
     * them onto the observing queue (the emulator delivers to a subscribed queue as it publishes, in order), so
     * receiving up to the marker sees them all without waiting for a time to pass.
     */
    public List<Message> eventsSoFar() {
        String marker = "test-marker-" + UUID.randomUUID();
        sns.publish(b -> b.topicArn(topicArn).message(marker));
        List<Message> all = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (Message message : sqs.receiveMessage(b -> b.queueUrl(eventsQueueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageAttributeNames("All")).messages()) {
                sqs.deleteMessage(b -> b.queueUrl(eventsQueueUrl).receiptHandle(message.receiptHandle()));
                if (message.body().equals(marker)) {
                    return all;
                }
                all.add(message);
            }
        }
        throw new AssertionError("the marker published to the media events topic never arrived on its queue");
    }

    private String queueArn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
    }

    @Override
    public void close() {
        server.stop();
        identity.close();
        chat.close();
        sns.unsubscribe(b -> b.subscriptionArn(eventsSubscriptionArn));
        sqs.deleteQueue(b -> b.queueUrl(eventsQueueUrl));
    }
}
