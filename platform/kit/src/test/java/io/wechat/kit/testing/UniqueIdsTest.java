package io.wechat.kit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UniqueIdsTest {
    private static final String EVENT = "6f1c2a8e-3b4d-4c5e-8f90-1a2b3c4d5e6f";

    @Test
    void examplesAndUuidsGetThisTestsValuesEverywhereElseIsLeftAlone() throws Exception {
        UniqueIds ids = new UniqueIds("u-2", "c-1");
        String json = "{\"eventId\":\"" + EVENT + "\",\"type\":\"message.sent\",\"version\":1,\"payload\":{\"conversationId\":\"c-1\","
                + "\"recipients\":[\"u-2\",\"u-3\"],\"preview\":\"u-2 said\",\"nested\":[{\"by\":\"u-2\"}]}}";
        JsonNode rewritten = new ObjectMapper().readTree(ids.rewrite(json));
        JsonNode payload = rewritten.path("payload");

        assertThat(ids.of("u-2"), startsWith("u-2-"));
        assertThat(payload.path("recipients").get(0).asText(), is(ids.of("u-2")));
        assertThat(payload.path("nested").get(0).path("by").asText(), is(ids.of("u-2")));
        assertThat(payload.path("conversationId").asText(), is(ids.of("c-1")));
        assertThat("not an example", payload.path("recipients").get(1).asText(), is("u-3"));
        assertThat("only whole values", payload.path("preview").asText(), is("u-2 said"));
        assertThat(rewritten.path("type").asText(), is("message.sent"));
        assertThat(rewritten.path("version").asInt(), is(1));
        String eventId = rewritten.path("eventId").asText();
        assertThat(eventId, not(is(EVENT)));
        assertThat(eventId.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), is(true));
        assertThat("the same within the test", new ObjectMapper().readTree(ids.rewrite(json)).path("eventId").asText(), is(eventId));
    }

    @Test
    void twoTestsGetDifferentValuesForTheSameExample() {
        assertThat(new UniqueIds("u-2").of("u-2"), not(is(new UniqueIds("u-2").of("u-2"))));
    }

    @Test
    void anUndeclaredExampleIsAMistake() {
        assertThrows(IllegalArgumentException.class, () -> new UniqueIds("u-2").of("u-3"));
    }
}
