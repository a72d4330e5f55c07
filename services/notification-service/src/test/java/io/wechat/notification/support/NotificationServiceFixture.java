package io.wechat.notification.support;

import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.helidon.webserver.WebServer;
import io.wechat.kit.testing.Api;
import io.wechat.kit.testing.OffsetClock;
import io.wechat.kit.testing.TestCloud;
import io.wechat.kit.testing.TerraformFixture;
import io.wechat.kit.testing.TestIssuer;
import io.wechat.notification.Main;
import io.wechat.notification.Settings;
import io.wechat.notification.push.PushGateway;
import io.wechat.notification.push.SnsPushGateway;
import io.wechat.notification.storage.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * notification-service wired as Main wires it, against the emulator: the notifications table and the SNS platform
 * applications (APNs and FCM, fake credentials) that Terraform's platform module makes, applied once per test run
 * under a run-unique prefix ({@code terraform/fixtures/platform}, see {@link #platform()}); a test identity provider
 * and a clock the tests can move. Every test works with users of its own, so the tests share the table.
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
        TerraformFixture platform = platform();
        table = notificationsTable();
        apnsApplicationArn = environment(platform, "APNS_PLATFORM_APPLICATION_ARN");
        fcmApplicationArn = environment(platform, "FCM_PLATFORM_APPLICATION_ARN");
        settings = new Settings(TestCloud.region(), Optional.of(TestCloud.endpoint().toString()), table.name(),
                Optional.of(apnsApplicationArn), Optional.of(fcmApplicationArn),
                TestIssuer.ISSUER, TestIssuer.AUDIENCE, identity.jwksUrl(), LEASE);
        services = services(gateway -> gateway);
        server = WebServer.builder().host("127.0.0.1").port(0).maxPayloadSize(1024 * 1024)
                .update(builder -> Main.server(builder, services)).build().start();
        api = new Api("http://127.0.0.1:" + server.port());
    }

    /** The platform Terraform deploys, applied once in this test run: its outputs name the tables, queues and topics. */
    public static TerraformFixture platform() {
        return TerraformFixture.shared("platform");
    }

    /** The platform's notifications table, which every test of the run shares. */
    public static Table notificationsTable() {
        return new Table(environment(platform(), "NOTIFICATIONS_TABLE"));
    }

    private static String environment(TerraformFixture platform, String name) {
        return platform.output("service_environment", "notification-service", name);
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
    }
}
