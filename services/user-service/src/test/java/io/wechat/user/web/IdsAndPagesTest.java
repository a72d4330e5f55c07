package io.wechat.user.web;

import java.util.Optional;
import java.util.UUID;

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
}
