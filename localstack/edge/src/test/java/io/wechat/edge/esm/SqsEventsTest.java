package io.wechat.edge.esm;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqsEventsTest {
    private static final List<String> BATCH = List.of("m1", "m2", "m3");

    @Test
    void buildsLambdasSqsEvent() {
        Message message = Message.builder().messageId("m1").receiptHandle("rh").body("{\"a\":1}").md5OfBody("md5")
                .attributes(Map.of(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"))
                .messageAttributes(Map.of("type", MessageAttributeValue.builder().dataType("String").stringValue("user.blocked").build()))
                .build();
        JsonNode record = SqsEvents.event(List.of(message), "arn:aws:sqs:eu-west-1:000000000000:q").path("Records").get(0);
        assertEquals("m1", record.path("messageId").asText());
        assertEquals("rh", record.path("receiptHandle").asText());
        assertEquals("{\"a\":1}", record.path("body").asText());
        assertEquals("1", record.path("attributes").path("ApproximateReceiveCount").asText());
        assertEquals("user.blocked", record.path("messageAttributes").path("type").path("stringValue").asText());
        assertEquals("md5", record.path("md5OfBody").asText());
        assertEquals("aws:sqs", record.path("eventSource").asText());
        assertEquals("arn:aws:sqs:eu-west-1:000000000000:q", record.path("eventSourceARN").asText());
        assertEquals("eu-west-1", record.path("awsRegion").asText());
    }

    @Test
    void readsPartialBatchResponsesLikeLambda() {
        assertEquals(Set.of(), SqsEvents.failures("", BATCH));
        assertEquals(Set.of(), SqsEvents.failures("{}", BATCH));
        assertEquals(Set.of(), SqsEvents.failures("{\"batchItemFailures\":[]}", BATCH));
        assertEquals(Set.of(), SqsEvents.failures("{\"batchItemFailures\":null}", BATCH));
        assertEquals(Set.of("m2"), SqsEvents.failures("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}", BATCH));
        assertEquals(Set.copyOf(BATCH), SqsEvents.failures("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}", BATCH));
        assertEquals(Set.copyOf(BATCH), SqsEvents.failures("{\"batchItemFailures\":[{\"itemIdentifier\":\"zz\"}]}", BATCH));
        assertEquals(Set.copyOf(BATCH), SqsEvents.failures("not json", BATCH));
    }
}
