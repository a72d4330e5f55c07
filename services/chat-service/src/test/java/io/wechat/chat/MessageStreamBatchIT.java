package io.wechat.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wechat.chat.admin.UsageCounters;
import io.wechat.chat.support.ChatStack;
import io.wechat.chat.support.ChatStack.User;
import io.wechat.chat.support.StreamRecords;
import io.wechat.chat.support.WsClient;
import io.wechat.kit.testing.TestCloud;
import io.wechat.kit.web.Json;
import io.wechat.kit.web.Times;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * The messages table's stream handled a batch at a time (MessageStreamConsumer): a failure in the middle of a batch
 * reports exactly that record, a redelivery from there on completes the batch, and a redelivery of everything changes
 * nothing (no frame twice, no message counted twice); a batch of records of unknown conversations costs one read.
 * Against the real edge, Redis and emulator.
 */
class MessageStreamBatchIT {
    @RegisterExtension
    static final ChatStack stack = ChatStack.behindEdge();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int BATCH = 40;
    private static final int POISONED = 17;
    private static final int BURST = 25;
    private static final Duration YESTERDAY = Duration.ofDays(1);
    private static final Set<String> STREAM_READS = Set.of("DescribeStream", "GetShardIterator", "GetRecords",
            "ListStreams");

    @Test
    void aFailureInTheMiddleIsReportedExactlyAndARedeliveryChangesNothing() {
        User alice = stack.user("Alice");
        User bob = stack.user("Bob");
        User carol = stack.user("Carol");
        String direct = stack.direct(alice, bob);
        String group = stack.group(alice, bob, carol);
        String streamArn = stack.fixture().messagesStreamArn();
        var counters = new UsageCounters(stack.fixture().dynamo, stack.fixture().moderationTable);
        long countedBefore = messagesYesterday(counters);
        try (WsClient bobSocket = stack.connect(bob)) {
            framesBeforeMarker(alice, direct, bobSocket);
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                records.add(StreamRecords.insert(streamArn, message(i % 2 == 0 ? direct : group, alice, 100_000 + i, YESTERDAY),
                        Long.toString(1_000 + i)));
            }
            Map<String, Object> good = records.get(POISONED);
            records.set(POISONED, poisoned(good));

            var first = stack.fixture().api.post("/events", null, Map.of("Records", records));
            assertThat(first.toString(), first.body().path("batchItemFailures").size(), is(1));
            assertThat(first.body().path("batchItemFailures").get(0).path("itemIdentifier").asText(),
                    is(Long.toString(1_000 + POISONED)));

            // Lambda delivers the failed record and everything after it again; this time the record is sound.
            records.set(POISONED, good);
            var rest = stack.fixture().api.post("/events", null, Map.of("Records", records.subList(POISONED, BATCH)));
            assertThat(rest.toString(), rest.body().path("batchItemFailures").size(), is(0));
            var all = stack.fixture().api.post("/events", null, Map.of("Records", records));
            assertThat(all.toString(), all.body().path("batchItemFailures").size(), is(0));

            Map<String, Integer> framesPerMessage = new HashMap<>();
            framesBeforeMarker(alice, direct, bobSocket).stream()
                    .filter(frame -> "message.new".equals(frame.path("type").asText()))
                    .forEach(frame -> framesPerMessage.merge(frame.path("message").path("messageId").asText(), 1, Integer::sum));
            assertThat(framesPerMessage.toString(), framesPerMessage.size(), is(BATCH));
            assertThat(framesPerMessage.toString(), framesPerMessage.values().stream().allMatch(n -> n == 1), is(true));
        }
        assertThat(messagesYesterday(counters) - countedBefore, is((long) BATCH));
    }

    @Test
    void aBatchOfUnknownConversationsCostsOneRead() {
        User alice = stack.user("Alice");
        String streamArn = stack.fixture().messagesStreamArn();
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            records.add(StreamRecords.insert(streamArn, message("history-" + (i % 3), alice, i + 1, Duration.ZERO),
                    Long.toString(5_000 + i)));
        }
        resetRequestCounts();
        var handled = stack.fixture().api.post("/events", null, Map.of("Records", records));
        assertThat(handled.toString(), handled.body().path("batchItemFailures").size(), is(0));
        assertThat(requestCounts().toString(), dynamoRequests(requestCounts()), is(1));
    }

    @Test
    void aBurstInOneConversationIsPublishedTenAtATimeAndEachConnectionGetsItInOrder() {
        User alice = stack.user("Alice");
        User bob = stack.user("Bob");
        try (WsClient bobSocket = stack.connect(bob)) {
            String direct = stack.direct(alice, bob);
            String streamArn = stack.fixture().messagesStreamArn();
            List<Map<String, Object>> records = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                seqs.add(200_000L + i);
                records.add(StreamRecords.insert(streamArn, message(direct, alice, 200_000 + i, Duration.ZERO),
                        Long.toString(9_000 + i)));
            }
            resetRequestCounts();
            var handled = stack.fixture().api.post("/events", null, Map.of("Records", records));
            assertThat(handled.toString(), handled.body().path("batchItemFailures").size(), is(0));
            JsonNode counts = requestCounts();
            // 25 records in calls of 10: 3; the conversation's own creation record may be published from the stream
            // meanwhile (one call more). One Publish a record, as before, would be 25.
            assertThat(counts.toString(), requests(counts, "sns Publish"), is(0));
            assertThat(counts.toString(), requests(counts, "sns PublishBatch"), is(both(greaterThanOrEqualTo(3)).and(lessThanOrEqualTo(4))));

            List<Long> received = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                received.add(bobSocket.next("message.new").path("message").path("seq").asLong());
            }
            assertThat(received, is(seqs));
        }
    }

    /** A message sent {@code ago} before the service's now. */
    private static ObjectNode message(String conversationId, User sender, long seq, Duration ago) {
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("conversationId", conversationId).put("seq", seq).put("messageId", UUID.randomUUID().toString())
                .put("senderId", sender.id()).put("text", "batch message " + seq).put("clientMessageId", "c-" + seq)
                .put("createdAt", Times.format(stack.fixture().clock.instant().minus(ago)));
        message.putArray("mentions");
        return message;
    }

    /** The same record with a sequence number nobody can read: it fails wherever it is handled. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> poisoned(Map<String, Object> record) {
        Map<String, Object> dynamodb = new HashMap<>((Map<String, Object>) record.get("dynamodb"));
        Map<String, Object> image = new HashMap<>((Map<String, Object>) dynamodb.get("NewImage"));
        image.put("seq", Map.of("N", "not-a-number"));
        dynamodb.put("NewImage", image);
        Map<String, Object> poisoned = new HashMap<>(record);
        poisoned.put("dynamodb", dynamodb);
        return poisoned;
    }

    private static List<JsonNode> framesBeforeMarker(User sender, String conversationId, WsClient socket) {
        String marker = "marker " + UUID.randomUUID();
        stack.text(sender, conversationId, marker);
        List<JsonNode> before = new ArrayList<>();
        for (JsonNode frame = socket.next(); !marker.equals(frame.path("message").path("text").asText()); frame = socket.next()) {
            before.add(frame);
        }
        return before;
    }

    /** The day's count of the batch's messages: the markers, sent today and counted when the edge delivers them, are apart. */
    private static long messagesYesterday(UsageCounters counters) {
        var days = counters.read(stack.fixture().clock.instant()).messagesPerDay();
        return days.get(days.size() - 2).count();
    }

    private static void resetRequestCounts() {
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(TestCloud.endpoint() + "/_local/requests")).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode requestCounts() {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create(TestCloud.endpoint() + "/_local/requests")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return Json.MAPPER.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The requests to one API ({@code "sns Publish"}) the emulator answered, all callers together. */
    private static int requests(JsonNode counts, String api) {
        int requests = 0;
        for (JsonNode byCaller : counts) {
            requests += byCaller.path(api).path("requests").asInt();
        }
        return requests;
    }

    /** The DynamoDB table requests the emulator answered, all callers together (the edge's stream reads left out). */
    private static int dynamoRequests(JsonNode counts) {
        int requests = 0;
        for (JsonNode byCaller : counts) {
            var apis = byCaller.fields();
            while (apis.hasNext()) {
                var api = apis.next();
                if (api.getKey().startsWith("dynamodb ") && !STREAM_READS.contains(api.getKey().substring("dynamodb ".length()))) {
                    requests += api.getValue().path("requests").asInt();
                }
            }
        }
        return requests;
    }
}
