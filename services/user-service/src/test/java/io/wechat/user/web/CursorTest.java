package io.wechat.user.web;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.helidon.http.Status;
import io.wechat.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CursorTest {
    @Test
    void roundTrips() {
        Cursor cursor = Cursor.of("2026-11-26T21:00:00.123456Z", "0b8e0f5e-3c4e-4b3a-9d55-7a1c2f0e9b11");
        assertThat(Cursor.decode(cursor.encode(), 2), is(cursor));
    }

    @Test
    void isUrlSafe() {
        assertThat(Cursor.of("ü?&/+=").encode().matches("[A-Za-z0-9_-]+"), is(true));
    }

    @Test
    void rejectsWhatTheServerDidNotProduce() {
        assertInvalid("not base64 !");
        assertInvalid(Base64.getUrlEncoder().encodeToString("v2\u001fabc".getBytes()));
        assertInvalid(Cursor.of("a", "b").encode());
        assertInvalid(Base64.getUrlEncoder().encodeToString("v1\u001f".getBytes()));
        assertInvalid("A".repeat(600));
    }

    @Test
    void aCursorOfUpTo512CharactersIsRead() {
        // base64url of "v1", the separator and 381 characters is exactly 512 characters long.
        String longest = Cursor.of("x".repeat(381)).encode();
        assertThat(longest.length(), is(512));
        assertThat(Cursor.decode(longest, 1).part(0), is("x".repeat(381)));
        assertInvalid(Cursor.of("x".repeat(382)).encode());
    }

    @Test
    void everyPartMustBePresent() {
        ApiException e = assertThrows(ApiException.class, () -> Cursor.decode(
                Base64.getUrlEncoder().withoutPadding().encodeToString("v1\u001f\u001fb".getBytes()), 2));
        assertThat(e.code(), is("invalid_cursor"));
    }

    @Test
    void aCursorHasPartsWithoutTheSeparator() {
        assertThrows(IllegalArgumentException.class, () -> Cursor.of());
        assertThrows(IllegalArgumentException.class, () -> Cursor.of("a", "b\u001fc"));
        assertThat(Cursor.of("a", "b").parts(), is(List.of("a", "b")));
    }

    @Test
    void pageRequestValidatesLimit() {
        assertThat(new PageRequest(20, Optional.empty()).limit(), is(20));
        assertThrows(ApiException.class, () -> new PageRequest(0, Optional.empty()));
        assertThrows(ApiException.class, () -> new PageRequest(101, Optional.empty()));
    }

    @Test
    void pageCarriesCursorOnlyWhenMoreRowsExist() {
        Page<String> last = Page.of(List.of("a", "b"), 2, Cursor::of);
        Page<String> more = Page.of(List.of("a", "b", "c"), 2, Cursor::of);

        assertThat(last.nextCursor() == null, is(true));
        assertThat(more.items(), is(List.of("a", "b")));
        assertThat(Cursor.decode(more.nextCursor(), 1).part(0), is("b"));
    }

    private static void assertInvalid(String encoded) {
        ApiException e = assertThrows(ApiException.class, () -> Cursor.decode(encoded, 1));
        assertThat(e.status(), is(Status.BAD_REQUEST_400));
        assertThat(e.code(), is("invalid_cursor"));
    }
}
