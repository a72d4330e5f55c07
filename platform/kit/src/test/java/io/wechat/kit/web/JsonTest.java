package io.wechat.kit.web;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {
    record Greeting(String text, int times) {
        Greeting {
            if (text == null) {
                throw ApiException.badRequest("invalid_text", "text is required");
            }
        }
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bindsATreeLikeTheBytesItWasReadFrom() {
        JsonNode frame = Json.tree(bytes("{\"action\":\"greet\",\"text\":\"hi\",\"times\":2}"));
        assertThat(Json.parse(frame, Greeting.class), is(new Greeting("hi", 2)));
        assertThat(Json.parse(bytes("{\"text\":\"hi\",\"times\":2}"), Greeting.class), is(new Greeting("hi", 2)));
    }

    @Test
    void aTreeGetsTheSame400sAsBytes() {
        String[][] cases = {
                {"{\"times\":1}", "invalid_text"},
                {"{\"text\":12,\"times\":1}", "invalid_json"},
                {"{\"text\":\"a\",\"times\":\"1\"}", "invalid_json"},
                {"{\"text\":\"a\\u0000\",\"times\":1}", "invalid_json"},
                {"null", "invalid_json"},
        };
        for (String[] c : cases) {
            ApiException fromBytes = assertThrows(ApiException.class, () -> Json.parse(bytes(c[0]), Greeting.class));
            ApiException fromTree = assertThrows(ApiException.class, () -> Json.parse(Json.tree(bytes(c[0])), Greeting.class));
            assertThat(c[0], fromBytes.code(), is(c[1]));
            assertThat(c[0], fromTree.code(), is(c[1]));
        }
    }
}
