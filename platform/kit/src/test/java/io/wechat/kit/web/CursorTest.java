package io.wechat.kit.web;

import java.util.Map;

import io.helidon.http.Status;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CursorTest {
    @Test
    void roundTrips() {
        String cursor = Cursor.encode("messages", Map.of("d", "b", "s", "17"));
        assertThat(Cursor.decode(cursor, "messages", "d", "s").get("s"), is("17"));
        assertThat(Cursor.decodeNumber(cursor, "messages", "s"), is(17L));
        assertThat(cursor.matches("[A-Za-z0-9_-]+"), is(true));
    }

    @Test
    void rejectsGarbageOtherKindsAndMissingFields() {
        String other = Cursor.encode("members", Map.of("u", "x"));
        for (String bad : new String[] {"%%%", "bm90LWpzb24", other, Cursor.encode("messages", Map.of("d", "b")),
                Cursor.encode("messages", Map.of("d", "b", "s", "-1")), Cursor.encode("messages", Map.of("d", "b", "s", "x"))}) {
            ApiException e = assertThrows(ApiException.class, () -> Cursor.decodeNumber(bad, "messages", "s"));
            assertThat(e.status(), is(Status.BAD_REQUEST_400));
            assertThat(e.code(), is("invalid_cursor"));
        }
    }

    @Test
    void pagingLimitsFollowTheApiConventions() {
        assertThrows(ApiException.class, () -> new Paging(0, java.util.Optional.empty()));
        assertThrows(ApiException.class, () -> new Paging(101, java.util.Optional.empty()));
        assertThat(new Paging(100, java.util.Optional.of(" ")).cursor().isPresent(), is(false));
    }

    @Test
    void timesHaveMillisecondsAndFixedWidth() {
        assertThat(Times.format(java.time.Instant.parse("2026-11-26T21:00:00Z")), is("2026-11-26T21:00:00.000Z"));
    }
}
