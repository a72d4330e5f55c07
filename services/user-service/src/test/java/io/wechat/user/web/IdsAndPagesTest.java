package io.wechat.user.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.helidon.common.parameters.Parameters;
import io.wechat.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdsAndPagesTest {
    @Test
    void aPathIdIsACanonicalUuid() {
        UUID id = UUID.fromString("0b6b1c7e-8f4a-4c41-9a55-5b8d1f2e3a4b");
        assertThat(Ids.pathId(id.toString(), "user_not_found", "User"), is(id));
    }

    @Test
    void anythingElseNamesNothing() {
        // UUID.fromString accepts "1-1-1-1-1"; a path id must be the canonical 36 characters.
        for (String raw : new String[] {"1-1-1-1-1", "not-a-uuid", "", "0b6b1c7e-8f4a-4c41-9a55-5b8d1f2e3a4bX",
                "0b6b1c7e-8f4a-4c41-9a55-5b8d1f2e3a4g"}) {
            ApiException e = assertThrows(ApiException.class, () -> Ids.pathId(raw, "user_not_found", "User"));
            assertThat(raw, e.status().code(), is(404));
            assertThat(e.code(), is("user_not_found"));
        }
    }

    @Test
    void aPageIsOneToAHundredItems() {
        assertThat(new PageRequest(1, Optional.empty()).limit(), is(1));
        assertThat(new PageRequest(PageRequest.MAX_LIMIT, Optional.empty()).limit(), is(100));
        for (int limit : new int[] {0, -1, PageRequest.MAX_LIMIT + 1}) {
            ApiException e = assertThrows(ApiException.class, () -> new PageRequest(limit, Optional.empty()));
            assertThat(e.code(), is("invalid_limit"));
            assertThat(e.status().code(), is(400));
        }
    }

    @Test
    void anEmptyCursorIsNoCursor() {
        assertThat(new PageRequest(20, Optional.of("")).cursor().isPresent(), is(false));
        assertThat(new PageRequest(20, Optional.of("")).decodedCursor(2).isPresent(), is(false));
        assertThat(new PageRequest(20, Optional.of("abc")).cursor().orElseThrow(), is("abc"));
    }

    @Test
    void aListRequestTakesItsLimitAndCursorFromTheQuery() {
        PageRequest defaults = PageRequest.from(query(Map.of()));
        assertThat(defaults.limit(), is(PageRequest.DEFAULT_LIMIT));
        assertThat(defaults.cursor().isPresent(), is(false));

        String cursor = Cursor.of("bob", "0b6b1c7e-8f4a-4c41-9a55-5b8d1f2e3a4b").encode();
        PageRequest given = PageRequest.from(query(Map.of("limit", "5", "cursor", cursor)));
        assertThat(given.limit(), is(5));
        assertThat(given.cursor().orElseThrow(), is(cursor));
        assertThat(given.decodedCursor(2).orElseThrow().part(0), is("bob"));
        assertThat(PageRequest.from(query(Map.of("cursor", ""))).cursor().isPresent(), is(false));
    }

    @Test
    void aLimitThatIsNoNumberOrOutOfRangeIs400() {
        for (String limit : new String[] {"ten", "", "2.5", "0", "101"}) {
            ApiException e = assertThrows(ApiException.class, () -> PageRequest.from(query(Map.of("limit", limit))));
            assertThat(limit, e.code(), is("invalid_limit"));
            assertThat(limit, e.status().code(), is(400));
        }
    }

    @Test
    void aMappedPageKeepsItsCursor() {
        Page<String> more = Page.of(List.of("a", "b", "c"), 2, Cursor::of);
        Page<String> mapped = more.map(String::toUpperCase);
        assertThat(mapped.items(), is(List.of("A", "B")));
        assertThat(mapped.nextCursor(), is(more.nextCursor()));
        assertThat(Page.of(List.of("a"), 2, Cursor::of).map(String::length).nextCursor() == null, is(true));
    }

    private static Parameters query(Map<String, String> values) {
        return Parameters.createSingleValueMap("query", values);
    }
}
