package io.wechat.notification.support;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.helidon.webserver.WebServer;
import io.wechat.kit.testing.Api;
import io.wechat.kit.testing.OffsetClock;
import io.wechat.kit.testing.TestCloud;
import io.wechat.kit.testing.TestIssuer;
import io.wechat.notification.Main;
import io.wechat.notification.Settings;
import io.wechat.notification.push.PushGateway;
import io.wechat.notification.push.SnsPushGateway;
import io.wechat.notification.storage.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * notification-service wired as Main wires it, against the emulator: its own table and SNS platform
 * applications (APNs and FCM, fake credentials) with unique names, a test identity provider, and a
 * clock the tests can move.
 */
public final class NotificationServiceFixture implements AutoCloseable {
    /** The lease of an event's attempt: AWS's default, which tests pass by moving the clock. */
    public static final Duration LEASE = Duration.ofSeconds(60);
    public final DynamoDbClient dynamo = TestCloud.configure(DynamoDbClient.builder()).build();
    public final SnsClient sns = TestCloud.configure(SnsClient.builder()).build();
    public final TestIssuer identity = new TestIssuer();
    public final OffsetClock clock = new OffsetClock();
    public final Table table;
    public final String apnsApplicationArn;
    public final String fcmApplicationArn;
    public final Settings settings;
    public final Main.Services services;
    public final WebServer server;
    public final Api api;

    public NotificationServiceFixture() {
        String prefix = "notif-it-" + UUID.randomUUID().toString().substring(0, 8);
        table = TestTable.create(dynamo, prefix);
        apnsApplicationArn = sns.createPlatformApplication(b -> b.name(prefix + "-apns").platform("APNS")
                .attributes(Map.of("PlatformCredential", "test-key", "PlatformPrincipal", "test-cert")))
                .platformApplicationArn();
        fcmApplicationArn = sns.createPlatformApplication(b -> b.name(prefix + "-fcm").platform("GCM")
                .attributes(Map.of("PlatformCredential", "test-key"))).platformApplicationArn();
        settings = new Settings(TestCloud.region(), Optional.of(TestCloud.endpoint().toString()), table.name(),
                Optional.of(apnsApplicationArn), Optional.of(fcmApplicationArn),
                TestIssuer.ISSUER, TestIssuer.AUDIENCE, identity.jwksUrl(), LEASE);
        services = services(gateway -> gateway);
        server = WebServer.builder().host("127.0.0.1").port(0).maxPayloadSize(1024 * 1024)
                .update(builder -> Main.server(builder, services)).build().start();
        api = new Api("http://127.0.0.1:" + server.port());
    }

    /** Another instance of the service on the same table, its push gateway wrapped (to make it fail). */
    public Main.Services services(UnaryOperator<PushGateway> wrap) {
        PushGateway gateway = new SnsPushGateway(sns, settings.apnsApplicationArn(), settings.fcmApplicationArn());
        return Main.services(settings, dynamo, wrap.apply(gateway), clock);
    }

    @Override
    public void close() {
        server.stop();
        identity.close();
        TestTable.delete(dynamo, table);
        sns.deletePlatformApplication(b -> b.platformApplicationArn(apnsApplicationArn));
        sns.deletePlatformApplication(b -> b.platformApplicationArn(fcmApplicationArn));
    }
}
