package io.wechat.user.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.helidon.webserver.WebServer;
import io.wechat.kit.config.EnvConfig;
import io.wechat.kit.testing.Api;
import io.wechat.kit.testing.TerraformFixture;
import io.wechat.user.Dependencies;
import io.wechat.user.Main;
import io.wechat.user.Settings;
import io.wechat.user.web.Json;
import org.jdbi.v3.core.Jdbi;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * user-service wired by {@link Main} against the real PostgreSQL, Redis and AWS emulator named by the environment,
 * started once per test JVM. It publishes to the user events topic of Terraform's platform module, applied once per
 * test run under a run-unique prefix ({@code terraform/fixtures/platform}); a queue of the tests' own is subscribed to
 * it, so the ITs can observe the events.
 */
public final class TestService {
    public static final String ISSUER = "http://user-service.it";
    public static final String AUDIENCE = "wechat-app";
    public static final String ALLOWED_ORIGIN = "http://localhost:3000";

    private static TestService instance;

    private final WebServer server;
    private final Dependencies deps;
    private final Path keyFile;
    private final SqsClient sqs;
    private final String queueUrl;
    private final List<Published> received = new ArrayList<>();
    private final Jdbi jdbi;
    private final RedisCommands<String, String> redis;

    private TestService() {
        Map<String, String> env = new HashMap<>(System.getenv());
        String dbUrl = first(env, "TEST_DB_URL", "DB_URL");
        require(dbUrl, "DB_URL");
        require(env.get("DB_USER"), "DB_USER");
        require(env.get("REDIS_URI"), "REDIS_URI");
        TestCloud.useTestCredentialsUnlessSet();

        String suffix = UUID.randomUUID().toString().substring(0, 8);
        SnsClient sns = TestCloud.sns();
        TerraformFixture platform = TerraformFixture.shared("platform");
        String topicArn = platform.output("service_environment", "user-service", "USER_EVENTS_TOPIC_ARN");
        this.sqs = TestCloud.sqs();
        // Under the fixture's run prefix, so that tf-fixture-sweep deletes it should this JVM end without its hook.
        this.queueUrl = sqs.createQueue(r -> r.queueName(platform.namePrefix() + "-observer-" + suffix)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String subscriptionArn = sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "true"))).subscriptionArn();

        try {
            this.keyFile = Files.createTempFile("user-service-it", ".pem");
            Files.writeString(keyFile, TestKeys.rsaPkcs8Pem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("DB_URL", dbUrl);
        env.put("AWS_ENDPOINT_URL", TestCloud.endpoint().toString());
        env.put("AWS_REGION", TestCloud.region());
        env.put("USER_EVENTS_TOPIC_ARN", topicArn);
        env.put("JWT_SIGNING_KEY_FILE", keyFile.toString());
        env.remove("JWT_SIGNING_KEY_SECRET_ARN");
        env.put("JWT_ISSUER", ISSUER);
        env.put("JWT_AUDIENCE", AUDIENCE);
        env.remove("JWT_ACCESS_TTL");
        env.put("CORS_ALLOWED_ORIGINS", ALLOWED_ORIGIN);
        // Long first delay: a slow machine's concurrent password checks must not outlast it and blur the counts.
        env.put("LOGIN_THROTTLE_BASE_DELAY_SECONDS", "60");
        // Small quotas, so QuotasIT reaches them quickly; no other test makes as many from one address or user.
        env.put("REGISTRATIONS_PER_ADDRESS", "7");
        env.put("CONTACT_REQUESTS_PER_USER", "8");
        // The per-address login limit of AWS, not the local stack's raised one: AuthFlowIT trips it on purpose.
        env.remove("LOGIN_THROTTLE_PER_ADDRESS");
        // As in AWS: no edge secret, the request context is believed (ClientAddressTest covers the local case).
        env.remove("EDGE_SECRET");
        EnvConfig config = EnvConfig.of(env);

        this.deps = Main.wire(Settings.from(config));
        this.server = WebServer.builder()
                .config(config.config().get("server"))
                .host("127.0.0.1")
                .port(0)
                .update(builder -> Main.server(builder, deps))
                .routing(routing -> Main.routing(routing, deps))
                .build()
                .start();
        this.jdbi = Jdbi.create(dbUrl, env.get("DB_USER"), env.getOrDefault("DB_PASSWORD", ""));
        RedisClient redisClient = RedisClient.create(env.get("REDIS_URI"));
        this.redis = redisClient.connect().sync();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            redisClient.shutdown();
            // The topic is shared by every test JVM of the run: a subscription left on a deleted queue makes the
            // emulator refuse each later publish to the topic (AWS drops such a delivery instead).
            sns.unsubscribe(r -> r.subscriptionArn(subscriptionArn));
            sqs.deleteQueue(r -> r.queueUrl(queueUrl));
            try {
                deps.resources().close();
                Files.deleteIfExists(keyFile);
            } catch (Exception ignored) {
                // best effort at JVM exit
            }
        }));
    }

    public static synchronized TestService get() {
        if (instance == null) {
            instance = new TestService();
        }
        return instance;
    }

    /**
     * A client of the service that poses as a client address of its own (the {@code sourceIp} of the
     * {@code x-amzn-request-context} that API Gateway's adapter, or the local edge, adds), so the per-address limits
     * of one test never trip another.
     */
    public Api api() {
        return api(newClientAddress());
    }

    /** A client that poses as this client address. */
    public Api api(String clientAddress) {
        return new Api("http://127.0.0.1:" + server.port(), "x-amzn-request-context", requestContext(clientAddress));
    }

    public static String newClientAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10.%d.%d.%d".formatted(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }

    /** The part of API Gateway's request context that a service reads. */
    public static String requestContext(String sourceIp) {
        return "{\"http\":{\"method\":\"GET\",\"sourceIp\":\"%s\"},\"stage\":\"$default\"}".formatted(sourceIp);
    }

    public int port() {
        return server.port();
    }

    public Dependencies deps() {
        return deps;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The Redis the service uses, for tests that look at or shorten its state. */
    public RedisCommands<String, String> redis() {
        return redis;
    }

    public Path signingKeyFile() {
        return keyFile;
    }

    /**
     * An event as the topic's subscriber received it: the body (the envelope), the envelope read, and the SNS message
     * attributes the service set.
     */
    public record Published(String body, JsonNode envelope, Map<String, String> attributes) {
    }

    /** Waits for an event on the test queue that matches; events seen before stay available to later calls. */
    public JsonNode awaitEvent(Predicate<JsonNode> matching, Duration timeout) {
        Published published = awaitPublished(matching, timeout);
        ObjectNode event = published.envelope().deepCopy();
        event.put("_typeAttribute", published.attributes().get("type"));
        return event;
    }

    /** Waits for a published event whose envelope matches; events seen before stay available to later calls. */
    public synchronized Published awaitPublished(Predicate<JsonNode> matching, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            for (Published event : received) {
                if (matching.test(event.envelope())) {
                    return event;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no matching event within " + timeout + "; received "
                        + received.stream().map(Published::body).toList());
            }
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageAttributeNames("All")).messages();
            for (Message message : messages) {
                received.add(published(message));
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    private static Published published(Message message) {
        try {
            Map<String, String> attributes = new HashMap<>();
            message.messageAttributes().forEach((name, value) -> attributes.put(name, value.stringValue()));
            return new Published(message.body(), Json.MAPPER.readTree(message.body()), Map.copyOf(attributes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String first(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: integration tests need the real PostgreSQL, Redis "
                                                    + "and AWS emulator; run them through `make test`");
        }
    }
}
