package io.wechat.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.logging.common.LogConfig;
import io.helidon.webclient.api.WebClient;
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
import io.wechat.kit.web.Json;
import io.wechat.kit.web.Servers;
import io.wechat.media.accounts.AccountDeletion;
import io.wechat.media.conversations.ChatServiceMembership;
import io.wechat.media.conversations.Membership;
import io.wechat.media.events.EventPublisher;
import io.wechat.kit.events.SqsEventsHttp;
import io.wechat.media.events.MessageRemovedHandler;
import io.wechat.media.events.S3EventsHandler;
import io.wechat.media.events.SnsEventPublisher;
import io.wechat.media.catalog.AllowedTypes;
import io.wechat.media.catalog.MediaHttp;
import io.wechat.media.catalog.MediaService;
import io.wechat.media.catalog.MediaStore;
import io.wechat.media.catalog.UploadAllowance;
import io.wechat.media.storage.CloudFrontUrls;
import io.wechat.media.storage.DownloadUrls;
import io.wechat.media.storage.PemKeys;
import io.wechat.media.storage.S3Urls;
import io.wechat.media.verification.UploadVerifier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** media-service: the one place where configuration becomes clients, services and routes. */
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
        Clients clients = clients(settings, http, DefaultCredentialsProvider.builder().build());
        SnsClient sns = aws(SnsClient.builder(), settings).httpClient(http).build();
        DownloadUrls downloads = downloadUrls(settings, clients, http, clock);
        Services services = services(settings, clients, downloads, new SnsEventPublisher(sns, settings.eventsTopicArn()), clock);

        WebServer server = Servers.start(config.config().get("server"), healthChecks(services),
                builder -> server(builder, services, config.optional("EDGE_SECRET", "app.edge-secret")));
        LOG.log(Level.INFO, "media-service listening on http://localhost:" + server.port());
    }

    /** The AWS clients media-service uses for its bucket and table. */
    public record Clients(S3Client s3, S3Presigner presigner, DynamoDbClient dynamo) {
    }

    /** S3 with path-style addressing against an emulator (client and presigner alike), virtual-hosted in AWS. */
    public static Clients clients(Settings settings, SdkHttpClient http, AwsCredentialsProvider credentials) {
        boolean pathStyle = settings.awsEndpoint().isPresent();
        S3Client s3 = aws(S3Client.builder(), settings).httpClient(http).credentialsProvider(credentials)
                .forcePathStyle(pathStyle)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED).build();
        S3Presigner.Builder presigner = S3Presigner.builder().region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build());
        settings.awsEndpoint().ifPresent(endpoint -> presigner.endpointOverride(URI.create(endpoint)));
        DynamoDbClient dynamo = aws(DynamoDbClient.builder(), settings).httpClient(http).credentialsProvider(credentials)
                .build();
        return new Clients(s3, presigner.build(), dynamo);
    }

    /** Signed CloudFront URLs when CLOUDFRONT_DOMAIN is set (AWS), else presigned S3 GETs (local). */
    public static DownloadUrls downloadUrls(Settings settings, Clients clients, SdkHttpClient http, Clock clock) {
        Settings.CloudFront cloudFront = settings.cloudFront();
        if (!cloudFront.enabled()) {
            return s3Urls(settings, clients, clock);
        }
        String keyPairId = cloudFront.keyPairId().orElseThrow(
                () -> new IllegalStateException("CLOUDFRONT_DOMAIN needs CLOUDFRONT_KEY_PAIR_ID"));
        String pem;
        if (cloudFront.privateKeyFile().isPresent()) {
            try {
                pem = Files.readString(Path.of(cloudFront.privateKeyFile().get()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read CLOUDFRONT_PRIVATE_KEY_FILE", e);
            }
        } else {
            String secretArn = cloudFront.privateKeySecretArn().orElseThrow(() -> new IllegalStateException(
                    "CLOUDFRONT_DOMAIN needs CLOUDFRONT_PRIVATE_KEY_SECRET_ARN or CLOUDFRONT_PRIVATE_KEY_FILE"));
            try (SecretsManagerClient secrets = aws(SecretsManagerClient.builder(), settings).httpClient(http).build()) {
                pem = secrets.getSecretValue(b -> b.secretId(secretArn)).secretString();
            }
        }
        return new CloudFrontUrls(cloudFront.domain().orElseThrow(), keyPairId, PemKeys.rsaPrivateKey(pem),
                settings.downloadUrlTtl(), clock);
    }

    /** Reserved uploads one user may have outstanding at a time (not yet verified, URL not yet expired). */
    public static final int OUTSTANDING_UPLOADS_PER_USER = 10;
    /** ... and their bytes: two videos at the largest size. */
    public static final long OUTSTANDING_UPLOAD_BYTES_PER_USER = 2 * AllowedTypes.VIDEO_LIMIT;

    /** The services behind the routes, built from settings and clients; tests build theirs the same way. */
    public record Services(Authenticator auth, MediaHttp media, SqsEventsHttp events, S3EventsHandler uploads,
                           Clients clients, String bucket, String table) {
    }

    public static Services services(Settings settings, Clients clients, DownloadUrls downloads, EventPublisher events,
                                    Clock clock) {
        var keys = JwksSource.fromJwksUrl(URI.create(settings.jwksUrl()), Duration.ofHours(1), Duration.ofSeconds(10), clock);
        var auth = new Authenticator(new TokenVerifier(keys, settings.jwtIssuer(), settings.jwtAudience(), clock),
                                     RevokedSessions.besideJwks(URI.create(settings.jwksUrl()),
                                                                RevokedSessions.DEFAULT_REFRESH_INTERVAL, clock));
        WebClient chatClient = WebClient.builder().baseUri(URI.create(settings.chatServiceUrl()))
                .connectTimeout(settings.chatServiceTimeout()).readTimeout(settings.chatServiceTimeout()).build();
        Membership membership = new ChatServiceMembership(chatClient);
        var store = new MediaStore(clients.dynamo(), settings.table());
        var allowance = new UploadAllowance(clients.dynamo(), settings.table(), OUTSTANDING_UPLOADS_PER_USER,
                OUTSTANDING_UPLOAD_BYTES_PER_USER, clock);
        var media = new MediaService(store, s3Urls(settings, clients, clock), downloads, membership, allowance,
                settings.pendingTtl(), clock);
        var uploads = new S3EventsHandler(new UploadVerifier(clients.s3(), settings.bucket(), store, allowance, events,
                clock));
        var removedMessages = new MessageRemovedHandler(store,
                new AccountDeletion(clients.s3(), settings.bucket(), store, allowance), clock);
        // Both queues reach POST /events: chat-service's events (envelopes) and the bucket's S3 notifications.
        return new Services(auth, new MediaHttp(auth, media), new SqsEventsHttp(body -> {
            JsonNode event = Json.tree(body);
            return MessageRemovedHandler.handles(event) ? removedMessages.handle(event) : uploads.handle(body);
        }), uploads, clients,
                settings.bucket(), settings.table());
    }

    /** Server-wide setup, with {@code POST /events} open (as in AWS, where only Lambda's runtime reaches it). */
    public static void server(WebServerConfig.Builder server, Services services) {
        server(server, services, Optional.empty());
    }

    /** Server-wide setup, the kit's; {@code edgeSecret} (locally) closes {@code POST /events} to all but the edge. */
    public static void server(WebServerConfig.Builder server, Services services, Optional<String> edgeSecret) {
        Servers.setUp(server, healthChecks(services), edgeSecret, routing -> routing(routing, services));
    }

    /** Readiness: the bucket and the table answer. */
    static List<DependencyCheck> healthChecks(Services services) {
        return List.of(DependencyCheck.of("s3", () -> {
                           services.clients().s3().headBucket(b -> b.bucket(services.bucket()));
                           return services.bucket();
                       }),
                       DependencyCheck.of("dynamodb", () -> services.clients().dynamo()
                               .describeTable(b -> b.tableName(services.table())).table().tableStatusAsString()));
    }

    public static void routing(HttpRouting.Builder routing, Services services) {
        ErrorHandling.register(routing);
        routing.register(services.media(), services.events());
    }

    private static S3Urls s3Urls(Settings settings, Clients clients, Clock clock) {
        return new S3Urls(clients.presigner(), settings.bucket(), settings.uploadUrlTtl(), settings.downloadUrlTtl(), clock);
    }

    private static <B extends AwsClientBuilder<B, ?>> B aws(B builder, Settings settings) {
        builder.region(Region.of(settings.region()));
        settings.awsEndpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
        return builder;
    }
}
