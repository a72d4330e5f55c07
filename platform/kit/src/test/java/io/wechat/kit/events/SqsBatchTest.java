package io.wechat.kit.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.wechat.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SqsBatchTest {
    @Test
    void onlyTheRecordsThatFailAreReported() {
        byte[] event = """
                {"Records":[{"messageId":"m-1","body":"ok"},{"messageId":"m-2","body":"boom"},
                            {"messageId":"m-3","body":{"not":"text"}}]}
                """.getBytes(StandardCharsets.UTF_8);
        List<String> seen = new ArrayList<>();
        SqsBatch.Response response = SqsBatch.handle(SqsBatch.records(event), body -> {
            seen.add(body);
            if (!body.equals("ok")) {
                throw new IllegalArgumentException("not ok: " + body);
            }
        });
        assertThat(seen, is(List.of("ok", "boom", "")));
        assertThat(response.batchItemFailures(),
                is(List.of(Map.of("itemIdentifier", "m-2"), Map.of("itemIdentifier", "m-3"))));
    }

    @Test
    void anythingButAnSqsEventIs400() {
        for (String bad : new String[] {"{}", "{\"Records\":{}}", "[]", "not json"}) {
            ApiException e = assertThrows(ApiException.class,
                    () -> SqsBatch.records(bad.getBytes(StandardCharsets.UTF_8)));
            assertThat(bad, e.status().code(), is(400));
        }
    }
}
