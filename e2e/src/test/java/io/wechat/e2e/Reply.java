package io.wechat.e2e;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** An HTTP answer: what was asked ({@code METHOD /path}), the status, the JSON body (missing when none) and raw text. */
record Reply(String request, int status, JsonNode json, String text, Map<String, List<String>> headers) {

    /** This reply when its status is one of {@code expected}; otherwise an assertion error naming request, status and body. */
    Reply expect(int... expected) {
        if (Arrays.stream(expected).noneMatch(s -> s == status)) {
            throw new AssertionError(request + " answered " + status + " (expected "
                    + Arrays.toString(expected) + "): " + abbreviate(text));
        }
        return this;
    }

    /** A text field of the body; an assertion error when absent. */
    String field(String name) {
        JsonNode value = json.path(name);
        if (!value.isValueNode() || value.isNull()) {
            throw new AssertionError(request + " answered without '" + name + "': " + abbreviate(text));
        }
        return value.asText();
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }
}
