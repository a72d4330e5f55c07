package io.wechat.chat.storage;

import java.util.List;
import java.util.Map;

import io.wechat.kit.web.Json;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StreamImagesTest {
    @Test
    void everyDynamoDbJsonTypeBecomesTheSdksValue() {
        var image = Json.tree("""
                {"s": {"S": "text"}, "n": {"N": "42"}, "yes": {"BOOL": true}, "no": {"BOOL": false}, "nil": {"NULL": true},
                 "b": {"B": "AQI="}, "ss": {"SS": ["a", "b"]}, "ns": {"NS": ["1", "2"]}, "bs": {"BS": ["AQ=="]},
                 "m": {"M": {"inner": {"S": "x"}}}, "l": {"L": [{"S": "y"}, {"N": "3"}]}}""".getBytes());
        Map<String, AttributeValue> item = StreamImages.item(image);
        assertThat(item.get("s"), is(AttributeValue.fromS("text")));
        assertThat(item.get("n"), is(AttributeValue.fromN("42")));
        assertThat(item.get("yes"), is(AttributeValue.fromBool(true)));
        assertThat(item.get("no"), is(AttributeValue.fromBool(false)));
        assertThat(item.get("nil"), is(AttributeValue.fromNul(true)));
        assertThat(item.get("b"), is(AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2}))));
        assertThat(item.get("ss"), is(AttributeValue.fromSs(List.of("a", "b"))));
        assertThat(item.get("ns"), is(AttributeValue.fromNs(List.of("1", "2"))));
        assertThat(item.get("bs"), is(AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {1})))));
        assertThat(item.get("m"), is(AttributeValue.fromM(Map.of("inner", AttributeValue.fromS("x")))));
        assertThat(item.get("l"), is(AttributeValue.fromL(List.of(AttributeValue.fromS("y"), AttributeValue.fromN("3")))));
        assertThat(item.size(), is(11));
    }

    @Test
    void anAbsentImageIsAnEmptyItem() {
        assertThat(StreamImages.item(null).isEmpty(), is(true));
    }

    @Test
    void anUnknownTypeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> StreamImages.item(Json.tree("{\"x\": {\"Q\": 1}}".getBytes())));
    }
}
