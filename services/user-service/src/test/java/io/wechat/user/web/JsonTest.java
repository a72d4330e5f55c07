package io.wechat.user.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How a request body becomes a record: strict types, a 400 that names the field, text PostgreSQL can keep. */
class JsonTest {
    record Member(String name, int age) {
        Member {
            if (name.isBlank()) {
                throw ApiException.badRequest("name_blank", "name must not be blank");
            }
        }
    }

    @Test
    void aMatchingBodyBecomesItsRecordAndUnknownFieldsAreIgnored() throws Exception {
        assertThat(Json.convert(tree("{\"name\": \"Bob\", \"age\": 7, \"admin\": true}"), Member.class),
                   is(new Member("Bob", 7)));
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() throws Exception {
        assertThat(refused("{\"name\": 42, \"age\": 7}"), is("invalid field type: name"));
        assertThat(refused("{\"name\": true, \"age\": 7}"), is("invalid field type: name"));
        assertThat(refused("{\"name\": \"Bob\", \"age\": \"7\"}"), is("invalid field type: age"));
        assertThat(refused("{\"name\": \"Bob\", \"age\": 7.5}"), is("invalid field type: age"));
        assertThat(refused("{\"name\": \"Bob\", \"age\": null}"), is("invalid field type: age"));
        assertThat(refused("{\"age\": 7}"), is("the body does not match the expected fields"));
    }

    @Test
    void textPostgreSqlCannotKeepIsRefusedWhileParsing() throws Exception {
        assertThat(refused("{\"name\": \"Bob\\u0000\", \"age\": 7}"), is("invalid field type: name"));
        assertThat(refused("{\"name\": \"\\ud83d\", \"age\": 7}"), is("invalid field type: name"));
    }

    @Test
    void theRecordsOwnRefusalComesThroughUnchanged() throws Exception {
        ApiException e = assertThrows(ApiException.class,
                                      () -> Json.convert(tree("{\"name\": \" \", \"age\": 7}"), Member.class));
        assertThat(e.code(), is("name_blank"));
    }

    @Test
    void storableTextHasNoNulAndNoUnpairedSurrogate() {
        for (String text : new String[] {"", "plain", "王小明", "\uD83D\uDE00", "smile \uD83D\uDE00 again",
                "\uD83D\uDE00\uD83D\uDE00"}) {
            assertThat(text, Json.storable(text), is(true));
        }
        for (String text : new String[] {"\u0000", "nul\u0000inside", "high at the end \uD83D", "\uD83Dx",
                "\uDE00 a low one alone", "\uD83D\uDE00\uDE00", "\uD83D\uD83D"}) {
            assertThat(text, Json.storable(text), is(false));
        }
    }

    private static String refused(String body) throws Exception {
        JsonNode node = tree(body);
        ApiException e = assertThrows(ApiException.class, () -> Json.convert(node, Member.class), body);
        assertThat(body, e.status().code(), is(400));
        assertThat(body, e.code(), is("invalid_request"));
        return e.getMessage();
    }

    private static JsonNode tree(String body) throws Exception {
        return Json.MAPPER.readTree(body);
    }
}
