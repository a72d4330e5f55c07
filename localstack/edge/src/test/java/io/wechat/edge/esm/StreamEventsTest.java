package io.wechat.edge.esm;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.edge.Json;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class StreamEventsTest {
    private static final String STREAM = "arn:aws:dynamodb:eu-west-1:123456789012:table/messages/stream/2026-12-01T00:00:00.000";
    private static final List<String> BATCH = List.of("101", "102", "103");

    @Test
    void anEmptyAnswerOrAnEmptyListIsSuccessForAll() {
        assertEquals(3, StreamEvents.succeeded("", BATCH));
        assertEquals(3, StreamEvents.succeeded("{}", BATCH));
        assertEquals(3, StreamEvents.succeeded("{\"batchItemFailures\":[]}", BATCH));
        assertEquals(3, StreamEvents.succeeded("{\"batchItemFailures\":null}", BATCH));
    }

    @Test
    void theBatchIsGoodUpToTheFailureWithTheLowestSequenceNumber() {
        assertEquals(1, StreamEvents.succeeded(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"103\"},{\"itemIdentifier\":\"102\"}]}", BATCH));
        assertEquals(0, StreamEvents.succeeded("{\"batchItemFailures\":[{\"itemIdentifier\":\"101\"}]}", BATCH));
    }

    @Test
    void anUnknownIdentifierOrAnAnswerThatIsNotJsonFailsTheWholeBatch() {
        assertEquals(0, StreamEvents.succeeded("{\"batchItemFailures\":[{\"itemIdentifier\":\"999\"}]}", BATCH));
        assertEquals(0, StreamEvents.succeeded("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}", BATCH));
        assertEquals(0, StreamEvents.succeeded("not json", BATCH));
    }

    @Test
    void recordsCarryDynamoDbJsonImagesAndTheStreamArn() {
        Record record = Record.builder().eventID("e-1").eventName(OperationType.MODIFY).awsRegion("eu-west-1")
                .dynamodb(d -> d.approximateCreationDateTime(Instant.ofEpochSecond(1_800_000_000L))
                        .keys(Map.of("conversation_id", AttributeValue.fromS("c-1"), "seq", AttributeValue.fromN("7")))
                        .newImage(Map.of("recalled", AttributeValue.fromBool(true),
                                         "meta", AttributeValue.fromM(Map.of("tags", AttributeValue.fromSs(List.of("a")))),
                                         "parts", AttributeValue.fromL(List.of(AttributeValue.fromNul(true))),
                                         "blob", AttributeValue.fromB(SdkBytes.fromUtf8String("hi"))))
                        .oldImage(Map.of("recalled", AttributeValue.fromBool(false)))
                        .sequenceNumber("102").sizeBytes(64L).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                .build();
        JsonNode event = StreamEvents.event(List.of(record), STREAM).path("Records").get(0);
        assertEquals("e-1", event.path("eventID").asText());
        assertEquals("MODIFY", event.path("eventName").asText());
        assertEquals("aws:dynamodb", event.path("eventSource").asText());
        assertEquals("eu-west-1", event.path("awsRegion").asText());
        assertEquals(STREAM, event.path("eventSourceARN").asText());
        JsonNode dynamodb = event.path("dynamodb");
        assertEquals(1_800_000_000L, dynamodb.path("ApproximateCreationDateTime").asLong());
        assertEquals("7", dynamodb.path("Keys").path("seq").path("N").asText());
        assertEquals(Json.parse("{\"recalled\":{\"BOOL\":true},\"meta\":{\"M\":{\"tags\":{\"SS\":[\"a\"]}}},"
                + "\"parts\":{\"L\":[{\"NULL\":true}]},\"blob\":{\"B\":\"aGk=\"}}"), dynamodb.path("NewImage"));
        assertEquals(Json.parse("{\"recalled\":{\"BOOL\":false}}"), dynamodb.path("OldImage"));
        assertEquals("102", dynamodb.path("SequenceNumber").asText());
        assertEquals("NEW_AND_OLD_IMAGES", dynamodb.path("StreamViewType").asText());
        assertFalse(event.has("userIdentity"));
    }
}
