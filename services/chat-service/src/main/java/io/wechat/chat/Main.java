package io.wechat.chat;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.helidon.http.Status;
import io.helidon.logging.common.LogConfig;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.wechat.chat.admin.AdminHttp;
import io.wechat.chat.admin.AdminSettings;
import io.wechat.chat.admin.AdminUserEvents;
import io.wechat.chat.admin.AuditLog;
import io.wechat.chat.admin.PushFigures;
import io.wechat.chat.admin.QueueDepths;
import io.wechat.chat.admin.UsageCounters;
import io.wechat.chat.auth.WebSocketAuthorizer;
import io.wechat.chat.conversations.CommittedChanges;
import io.wechat.chat.conversations.ConversationService;
import io.wechat.chat.conversations.ConversationStore;
import io.wechat.chat.conversations.ConversationsHttp;
import io.wechat.chat.cache.BlockCache;
import io.wechat.chat.cache.ConversationCache;
import io.wechat.chat.cache.InvalidatingEventPublisher;
import io.wechat.chat.cache.LastSeqCache;
import io.wechat.chat.events.EventPublisher;
import io.wechat.chat.events.ProcessedEvents;
import io.wechat.chat.events.SnsEventPublisher;
import io.wechat.chat.accounts.AccountDeletion;
import io.wechat.chat.events.UserEventsHandler;
import io.wechat.chat.ingress.EventKind.Answer;
import io.wechat.chat.ingress.EventKind;
import io.wechat.chat.ingress.IngressHttp;
import io.wechat.chat.limits.UserLimits;
import io.wechat.chat.media.MediaDirectory;
import io.wechat.chat.messages.MemberActivity;
import io.wechat.chat.messages.MessageService;
import io.wechat.chat.messages.MessageStreamConsumer;
import io.wechat.chat.messages.MessageStore;
import io.wechat.chat.messages.MessagesHttp;
import io.wechat.chat.reactions.ReactionsHttp;
import io.wechat.chat.moderation.MessageRemoval;
import io.wechat.chat.moderation.ModerationHttp;
import io.wechat.chat.realtime.ConnectionRegistry;
import io.wechat.chat.realtime.ConnectionSender;
import io.wechat.chat.realtime.FanOut;
import io.wechat.chat.realtime.ManagementApiSender;
import io.wechat.chat.realtime.PresenceHttp;
import io.wechat.chat.realtime.RealtimeEventPublisher;
import io.wechat.kit.redis.Quota;
import io.wechat.kit.redis.RedisUris;
import io.wechat.chat.realtime.WebSocketRoutes;
import io.wechat.chat.receipts.ReceiptsHttp;
import io.wechat.chat.reports.ReportsHttp;
import io.wechat.chat.reports.UserAccounts;
import io.wechat.chat.sessions.SessionEnder;
import io.wechat.chat.sessions.SessionEvents;
import io.wechat.chat.search.SearchHttp;
import io.wechat.chat.search.SearchIndex;
import io.wechat.chat.search.SearchService;
import io.wechat.chat.storage.Tables;
import io.wechat.chat.users.BlockStore;
import io.wechat.chat.users.ProfileProjection;
import io.wechat.chat.users.UserDirectory;
import io.wechat.kit.auth.Authenticator;
import io.wechat.kit.auth.JwksSource;
import io.wechat.kit.auth.RevokedSessions;
import io.wechat.kit.auth.TokenVerifier;
import io.wechat.kit.config.EnvConfig;
import io.wechat.kit.health.DependencyCheck;
import io.wechat.kit.web.ErrorHandling;
import io.wechat.kit.web.Servers;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** chat-service: the one place where configuration becomes clients, services and routes. */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());
    private static final int USER_CACHE_ENTRIES = 10_000;
    /** Groups one user may create per day (429 quota_exceeded with Retry-After beyond). */
    static final int GROUPS_PER_USER_PER_DAY = 20;
    private static final int FAN_OUT_PARALLELISM = 16;
    /** How long a send may use cached members after a change whose invalidation it raced (ConversationCache). */
    static final Duration MEMBERSHIP_STALENESS = Duration.ofSeconds(30);
    /** How long a send may use a cached block answer after a block event whose invalidation it raced (BlockCache). */
    static final Duration BLOCKS_STALENESS = Duration.ofSeconds(30);

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
        SqsClient sqs = aws(SqsClient.builder(), settings).httpClient(http).build();
        EventPublisher events = new SnsEventPublisher(sns, settings.chatEventsTopicArn(), clock);
        ConnectionSender sender = new ManagementApiSender(managementApi(settings));
        // The URI's timeout bounds the connection's handshake, which a start beside other starting JVMs on a busy
        // host can take seconds to finish; every command keeps its own 2 s limit (TimeoutOptions).
        RedisClient redisClient = RedisClient.create(RedisUris.build(settings.redisUri(),
                settings.redisAuthTokenSecretArn().map(arn -> secret(arn, settings, http)), Duration.ofSeconds(10)));
        redisClient.setOptions(ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2))).build());
        StatefulRedisConnection<String, String> redis = redisClient.connect();
        Services services = services(settings, AdminSettings.from(config), dynamo, sqs, events, redis, sender, clock,
                UserLimits.of(redis::sync, UserLimits.Rates.from(config)));

        WebServer server = Servers.start(config.config().get("server"), healthChecks(services),
                builder -> server(builder, services, config.optional("EDGE_SECRET", "app.edge-secret")));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            redis.close();
            redisClient.shutdown();
        }));
        LOG.log(Level.INFO, "chat-service listening on http://localhost:" + server.port());
    }

    /** A Secrets Manager secret's string, read once at start (ElastiCache's AUTH token). */
    private static String secret(String secretId, Settings settings, SdkHttpClient http) {
        try (SecretsManagerClient secrets = aws(SecretsManagerClient.builder(), settings).httpClient(http).build()) {
            return secrets.getSecretValue(b -> b.secretId(secretId)).secretString();
        }
    }

    /**
     * The @connections client: short timeouts, so that a slow connection delays a fan-out by seconds at most.
     * {@code WEBSOCKET_MANAGEMENT_URL} is its endpoint in AWS too (the API's stage URL).
     */
    public static ApiGatewayManagementApiClient managementApi(Settings settings) {
        return managementApi(settings.region(), URI.create(settings.websocketManagementUrl()));
    }

    /**
     * The same for a region and an endpoint. A post is not tried again by the client: one that failed may have reached
     * the socket (a timeout after the send), and a retry inside the same claimed send would post the frame twice where
     * the frame claims cannot see it; a failure releases the claim instead (FanOut), and the stream's next delivery
     * sends the frame.
     */
    public static ApiGatewayManagementApiClient managementApi(String region, URI endpoint) {
        SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(3)).build();
        return ApiGatewayManagementApiClient.builder()
                .region(Region.of(region))
                .endpointOverride(endpoint)
                .httpClient(http)
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(5)).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    /** The services behind the routes, built from settings and clients; tests build theirs the same way. */
    public record Services(Authenticator auth, ConversationsHttp conversations, MessagesHttp messages,
                           ReceiptsHttp receipts, IngressHttp ingress, PresenceHttp presence,
                           UserEventsHandler userEvents, ConnectionRegistry connections,
                           DynamoDbClient dynamo, Tables tables, ModerationHttp moderation, ReportsHttp reports,
                           AdminHttp admin, ReactionsHttp reactions, SearchHttp search) {
    }

    /**
     * Everything behind the routes. {@code published} is where events go (SNS); each of them is first pushed
     * to the members' WebSocket connections through {@code sender}.
     */
    public static Services services(Settings settings, AdminSettings adminSettings, DynamoDbClient dynamo, SqsClient sqs,
                                    EventPublisher published, StatefulRedisConnection<String, String> redis,
                                    ConnectionSender sender, Clock clock) {
        return services(settings, adminSettings, dynamo, sqs, published, redis, sender, clock, UserLimits.NONE);
    }

    /** The same, with per-user rate limits on the HTTP routes, the sends and the WebSocket frames. */
    public static Services services(Settings settings, AdminSettings adminSettings, DynamoDbClient dynamo, SqsClient sqs,
                                    EventPublisher published, StatefulRedisConnection<String, String> redis,
                                    ConnectionSender sender, Clock clock, UserLimits limits) {
        Tables tables = new Tables(settings.messagesTable(), settings.conversationsTable(), settings.searchTable());
        var keys = JwksSource.fromJwksUrl(URI.create(settings.jwksUrl()), Duration.ofHours(1), Duration.ofSeconds(10), clock);
        var verifier = new TokenVerifier(keys, settings.jwtIssuer(), settings.jwtAudience(), clock);
        var revoked = RevokedSessions.besideJwks(URI.create(settings.jwksUrl()), RevokedSessions.DEFAULT_REFRESH_INTERVAL,
                                                 clock);
        var auth = limits.limit(new Authenticator(verifier, revoked));
        WebClient userClient = WebClient.builder().baseUri(URI.create(settings.userServiceUrl()))
                .connectTimeout(settings.userServiceTimeout()).readTimeout(settings.userServiceTimeout()).build();
        var profiles = new ProfileProjection(dynamo, tables.conversations());
        var users = new UserDirectory(userClient, profiles, settings.userCacheTtl(), USER_CACHE_ENTRIES, clock);
        var blocks = new BlockStore(dynamo, tables.conversations());
        var conversationStore = new ConversationStore(dynamo, tables);
        var connections = new ConnectionRegistry(redis, clock, settings.connectionLimits());
        var fanOut = new FanOut(connections, sender, FAN_OUT_PARALLELISM);
        var realtime = new RealtimeEventPublisher(published, connections, fanOut, MessageStreamConsumer.TYPES);
        var conversationCache = new ConversationCache(redis, clock, MEMBERSHIP_STALENESS);
        var blockCache = new BlockCache(redis, blocks, clock, BLOCKS_STALENESS);
        EventPublisher events = new InvalidatingEventPublisher(realtime, conversationCache);
        WebClient mediaClient = WebClient.builder().baseUri(URI.create(settings.mediaServiceUrl()))
                .connectTimeout(settings.mediaServiceTimeout()).readTimeout(settings.mediaServiceTimeout()).build();
        var media = new MediaDirectory(mediaClient);
        var conversations = new ConversationService(conversationStore, users, blocks,
                new Quota(redis::sync, "chat-service", "groups", new Quota.Limit(GROUPS_PER_USER_PER_DAY, Duration.ofDays(1))),
                media, clock);
        var messageStore = new MessageStore(dynamo, tables, new LastSeqCache(redis));
        var messages = new MessageService(messageStore, conversations, blockCache, media,
                (userId, frame) -> fanOut.push(List.of(userId), frame), clock, conversationCache, realtime::pushNow);
        var audit = new AuditLog(dynamo, adminSettings.moderationTable());
        var counters = new UsageCounters(dynamo, adminSettings.moderationTable());
        var sessionEnder = new SessionEnder(connections, sender);
        var userEvents = new UserEventsHandler(blocks, profiles, users, new ProcessedEvents(dynamo, tables, clock),
                List.of(blockCache, new SessionEvents(sessionEnder), new AdminUserEvents(audit, counters),
                        new AccountDeletion(sessionEnder, profiles, users, conversations, blocks)));
        var searchIndex = new SearchIndex(dynamo, tables);
        var activity = new MemberActivity(conversations, conversationStore, conversationCache);
        var messageStream = new MessageStreamConsumer(conversations, users, blocks, events, sent -> {
            activity.accept(sent);
            // A send writes its mention marks after its commit: the stream makes sure a crash between loses none.
            messageStore.markMentioned(sent);
            counters.recordMessages(sent.stream().map(message -> new UsageCounters.CountedMessage(message.messageId(),
                    message.senderId(), Instant.parse(message.createdAt()))).toList());
        }, new CommittedChanges(events), searchIndex::applyAll);
        var removal = new MessageRemoval(conversations, messageStore, audit, clock);
        WebClient notificationClient = WebClient.builder().baseUri(URI.create(adminSettings.notificationServiceUrl()))
                .connectTimeout(adminSettings.notificationServiceTimeout())
                .readTimeout(adminSettings.notificationServiceTimeout()).build();
        return new Services(auth,
                new ConversationsHttp(auth, conversations),
                new MessagesHttp(auth, conversations, messages, limits),
                new ReceiptsHttp(auth, conversations, conversationStore, messages, events, clock),
                ingress(userEvents, messageStream,
                        new WebSocketRoutes(connections, sender, fanOut, conversations, messages, revoked, clock, limits),
                        new WebSocketAuthorizer(verifier)),
                new PresenceHttp(auth, conversations, conversationStore, connections),
                userEvents, connections, dynamo, tables,
                new ModerationHttp(auth, removal),
                new ReportsHttp(auth, dynamo, adminSettings.moderationTable(), conversations, conversationStore, messageStore,
                        removal, new UserAccounts(userClient), users, audit, clock),
                new AdminHttp(auth, audit, users, counters, connections::openConnections, new PushFigures(notificationClient),
                        new QueueDepths(sqs, adminSettings.queueUrls()), clock),
                new ReactionsHttp(auth, conversations, messages, messageStore, events),
                new SearchHttp(auth, new SearchService(searchIndex, conversations, conversationStore)));
    }

    /**
     * The kinds of AWS events {@code POST /events} receives, in the order they are told apart: a batch of the
     * messages table's DynamoDB stream ({@code Records} from {@code aws:dynamodb}), before the SQS batch, which also
     * has {@code Records}; an SQS batch; the WebSocket API's $connect REQUEST authorizer event, before the route events
     * because its {@code requestContext} has {@code eventType: CONNECT} too; a WebSocket route event. A new kind is one
     * line.
     */
    static IngressHttp ingress(UserEventsHandler userEvents, MessageStreamConsumer messageStream, WebSocketRoutes webSocket,
                               WebSocketAuthorizer authorizer) {
        return new IngressHttp(List.of(
                EventKind.of("a DynamoDB stream batch of the messages table", MessageStreamConsumer::handles,
                        event -> Answer.ok(messageStream.handle(event))),
                EventKind.of("an SQS batch with Records", event -> event.path("Records").isArray(),
                        event -> Answer.ok(userEvents.handle(event))),
                EventKind.of("the WebSocket API's REQUEST authorizer event", WebSocketAuthorizer::isAuthorizerEvent,
                        event -> Answer.ok(authorizer.authorize(event))),
                EventKind.of("an API Gateway WebSocket route event", event -> WebSocketRoutes.WsEvent.parse(event).isPresent(),
                        event -> {
                            // The Lambda proxy answer API Gateway reads (statusCode), and the same status for the edge.
                            int status = webSocket.handle(WebSocketRoutes.WsEvent.parse(event).orElseThrow());
                            return new Answer(Status.create(status), Map.of("statusCode", status));
                        })));
    }

    /** Server-wide setup, with {@code POST /events} open (as in AWS, where only Lambda's runtime reaches it). */
    public static void server(WebServerConfig.Builder server, Services services) {
        server(server, services, Optional.empty());
    }

    /** Server-wide setup, the kit's; {@code edgeSecret} (locally) closes {@code POST /events} to all but the edge. */
    public static void server(WebServerConfig.Builder server, Services services, Optional<String> edgeSecret) {
        Servers.setUp(server, healthChecks(services), edgeSecret, routing -> routing(routing, services));
    }

    /** Every table answers DescribeTable. */
    private static String tableStatus(DynamoDbClient dynamo, Tables tables) {
        return Stream.of(tables.messages(), tables.conversations(), tables.search())
                .map(table -> table + ": " + dynamo.describeTable(b -> b.tableName(table)).table().tableStatusAsString())
                .collect(Collectors.joining(", "));
    }

    /** Readiness: every table answers, and Redis. */
    static List<DependencyCheck> healthChecks(Services services) {
        return List.of(DependencyCheck.of("dynamodb", () -> tableStatus(services.dynamo(), services.tables())),
                       DependencyCheck.of("redis", services.connections()::ping));
    }

    public static void routing(HttpRouting.Builder routing, Services services) {
        ErrorHandling.register(routing);
        routing.register(services.conversations(), services.messages(), services.receipts(), services.ingress(),
                services.presence(), services.moderation(), services.reports(), services.admin(), services.reactions(),
                services.search());
    }

    private static <B extends AwsClientBuilder<B, ?>> B aws(B builder, Settings settings) {
        builder.region(Region.of(settings.region()));
        settings.awsEndpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
        return builder;
    }
}
