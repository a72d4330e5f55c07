package io.wechat.edge.esm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A page of a shard's records split as Lambda's parallelization factor splits it: by partition key, order kept. */
class StreamLanesTest {
    private static Record record(String conversation, int seq) {
        return Record.builder().dynamodb(d -> d.sequenceNumber(conversation + "-" + seq).keys(Map.of(
                "conversation_id", AttributeValue.fromS(conversation), "seq", AttributeValue.fromN(Integer.toString(seq)))))
                .build();
    }

    @Test
    void eachPartitionKeyStaysInOneLaneInItsOrder() {
        List<Record> page = new ArrayList<>();
        for (int seq = 1; seq <= 5; seq++) {
            for (String conversation : List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l")) {
                page.add(record(conversation, seq));
            }
        }
        List<List<Record>> lanes = StreamMappings.lanes(page, "conversation_id", 10);
        assertTrue(lanes.size() > 1 && lanes.size() <= 10, "lanes: " + lanes.size());
        assertEquals(page.size(), lanes.stream().mapToInt(List::size).sum());
        for (String conversation : List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l")) {
            List<List<Record>> holding = lanes.stream()
                    .filter(lane -> lane.stream().anyMatch(r -> r.dynamodb().sequenceNumber().startsWith(conversation + "-")))
                    .toList();
            assertEquals(1, holding.size(), conversation + " is in one lane");
            assertEquals(List.of(1, 2, 3, 4, 5), holding.getFirst().stream()
                    .filter(r -> r.dynamodb().sequenceNumber().startsWith(conversation + "-"))
                    .map(r -> Integer.parseInt(r.dynamodb().keys().get("seq").n())).toList());
        }
    }

    @Test
    void aFactorOfOneOrAnUnknownKeyKeepsThePageWhole() {
        List<Record> page = List.of(record("a", 1), record("b", 1), record("a", 2));
        assertEquals(List.of(page), StreamMappings.lanes(page, "conversation_id", 1));
        assertEquals(List.of(page), StreamMappings.lanes(page, null, 10));
    }
}
