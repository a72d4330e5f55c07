package io.wechat.notification;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.wechat.kit.auth.Authenticator;
import io.wechat.kit.auth.JwksSource;
import io.wechat.kit.auth.RevokedSessions;
import io.wechat.kit.auth.TokenVerifier;
import io.wechat.kit.config.EnvConfig;
import io.wechat.kit.health.DependencyCheck;
import io.wechat.kit.web.ErrorHandling;
import io.wechat.kit.web.Servers;
import io.wechat.notification.accounts.AccountDeletion;
import io.wechat.notification.accounts.AccountStates;
import io.wechat.notification.devices.DeviceStore;
import io.wechat.notification.devices.DevicesHttp;
import io.wechat.kit.events.SqsEventsHttp;
import io.wechat.notification.events.MessageSentHandler;
import io.wechat.notification.notifications.Deliveries;
import io.wechat.notification.notifications.NotificationLog;
import io.wechat.notification.notifications.NotificationsHttp;
import io.wechat.notification.notifications.Notifier;
import io.wechat.notification.notifications.PushStatsHttp;
import io.wechat.notification.preferences.PreferenceStore;
import io.wechat.notification.preferences.PreferencesHttp;
import io.wechat.notification.push.PushGateway;
import io.wechat.notification.push.SnsPushGateway;
import io.wechat.notification.storage.Table;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** notification-service: the one place where configuration becomes clients, services and routes. */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        EnvConfig config = EnvConfig.create();
        Settings settings = Settings.from(config);
        Clock clock = Clock.systemUTC();

        SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3)).socketTimeout(Duration.ofSeconds(30)).build();
        DynamoDbClient dynamo = aws(DynamoDbClient.builder(), settings).httpClient(http).build();
        SnsClient sns = aws(SnsClient.builder(), settings).httpClient(http).build();
        PushGateway push = new SnsPushGateway(sns, settings.apnsApplicationArn(), settings.fcmApplicationArn());
        if (settings.apnsApplicationArn().isEmpty() || settings.fcmApplicationArn().isEmpty()) {
            LOG.log(Level.WARNING, "APNS_PLATFORM_APPLICATION_ARN or FCM_PLATFORM_APPLICATION_ARN is unset: "
                    + "devices of that platform get log entries but no push");
        }
        Services services = services(settings, dynamo, push, clock);

        WebServer server = Servers.start(config.config().get("server"), healthChecks(services),
                builder -> server(builder, services, config.optional("EDGE_SECRET", "app.edge-secret")));
        LOG.log(Level.INFO, "notification-service listening on http://localhost:" + server.port());
    }

    /** The services behind the routes, built from settings and clients; tests build theirs the same way. */
    public record Services(DevicesHttp devices, PreferencesHttp preferences, NotificationsHttp notifications,
                           SqsEventsHttp events, MessageSentHandler messageSent, DynamoDbClient dynamo, Table table,
                           PushStatsHttp pushStats) {
    }

    public static Services services(Settings settings, DynamoDbClient dynamo, PushGateway push, Clock clock) {
        Table table = new Table(settings.notificationsTable());
        var keys = JwksSource.fromJwksUrl(URI.create(settings.jwksUrl()), Duration.ofHours(1), Duration.ofSeconds(10), clock);
        var auth = new Authenticator(new TokenVerifier(keys, settings.jwtIssuer(), settings.jwtAudience(), clock),
                                     RevokedSessions.besideJwks(URI.create(settings.jwksUrl()),
                                                                RevokedSessions.DEFAULT_REFRESH_INTERVAL, clock));
        var devices = new DeviceStore(dynamo, table, push, clock);
        var preferences = new PreferenceStore(dynamo, table);
        var log = new NotificationLog(dynamo, table, clock);
        var accounts = new AccountStates(dynamo, table);
        var deliveries = new Deliveries(dynamo, table, clock);
        var notifier = new Notifier(dynamo, table, devices, deliveries, log, push, clock);
        var messageSent = new MessageSentHandler(dynamo, table, notifier, accounts,
                new AccountDeletion(dynamo, table, devices, accounts), clock, settings.eventLease());
        return new Services(new DevicesHttp(auth, devices), new PreferencesHttp(auth, preferences, clock),
                new NotificationsHttp(auth, log), new SqsEventsHttp(messageSent::handle), messageSent, dynamo, table,
                new PushStatsHttp(auth, deliveries));
    }

    /** Server-wide setup, with {@code POST /events} open (as in AWS, where only Lambda's runtime reaches it). */
    public static void server(WebServerConfig.Builder server, Services services) {
        server(server, services, Optional.empty());
    }

    /** Server-wide setup, the kit's; {@code edgeSecret} (locally) closes {@code POST /events} to all but the edge. */
    public static void server(WebServerConfig.Builder server, Services services, Optional<String> edgeSecret) {
        Servers.setUp(server, healthChecks(services), edgeSecret, routing -> routing(routing, services));
    }

    /** Readiness: the table answers. */
    static List<DependencyCheck> healthChecks(Services services) {
        return List.of(DependencyCheck.of("dynamodb", () -> services.dynamo()
                .describeTable(b -> b.tableName(services.table().name())).table().tableStatusAsString()));
    }

    public static void routing(HttpRouting.Builder routing, Services services) {
        ErrorHandling.register(routing);
        routing.register(services.devices(), services.preferences(), services.notifications(), services.events(),
                services.pushStats());
    }

    private static <B extends AwsClientBuilder<B, ?>> B aws(B builder, Settings settings) {
        builder.region(Region.of(settings.region()));
        settings.awsEndpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
        return builder;
    }
}
