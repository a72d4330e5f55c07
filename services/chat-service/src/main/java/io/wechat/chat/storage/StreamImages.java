package io.wechat.chat.storage;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An item image of a DynamoDB stream record (DynamoDB JSON, as Lambda delivers it) as the SDK's item map. */
public final class StreamImages {
    private StreamImages() {
    }

    /** A record's old and new image of one item ({@code null}: no such image). */
    public record Change(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
    }

    /** {@code {"name": {"S": "..."}, ...}}; an absent image is an empty item. */
    public static Map<String, AttributeValue> item(JsonNode image) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        if (image != null) {
            image.properties().forEach(e -> item.put(e.getKey(), value(e.getValue())));
        }
        return item;
    }

    private static AttributeValue value(JsonNode node) {
        var field = node.properties().iterator().next();
        JsonNode v = field.getValue();
        return switch (field.getKey()) {
            case "S" -> AttributeValue.fromS(v.asText());
            case "N" -> AttributeValue.fromN(v.asText());
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText())));
            case "SS" -> AttributeValue.fromSs(texts(v));
            case "NS" -> AttributeValue.fromNs(texts(v));
            case "BS" -> AttributeValue.fromBs(texts(v).stream()
                    .map(b -> SdkBytes.fromByteArray(Base64.getDecoder().decode(b))).toList());
            case "M" -> AttributeValue.fromM(item(v));
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                v.forEach(element -> list.add(value(element)));
                yield AttributeValue.fromL(list);
            }
            default -> throw new IllegalArgumentException("unknown DynamoDB JSON type " + field.getKey());
        };
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
