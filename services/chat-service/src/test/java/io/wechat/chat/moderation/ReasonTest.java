package io.wechat.chat.moderation;

import io.wechat.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReasonTest {
    @Test
    void aReasonIsStrippedAndRequired() {
        assertThat(new Reason("  spam ").reason(), is("spam"));
        assertThat(assertThrows(ApiException.class, () -> new Reason(null)).code(), is("invalid_reason"));
        assertThat(assertThrows(ApiException.class, () -> new Reason(" \n ")).code(), is("invalid_reason"));
    }

    @Test
    void anOptionalTextMayBeAbsentButNotTooLong() {
        assertThat(Reason.check(null, "note", false), is(nullValue()));
        assertThat(Reason.check("   ", "note", false), is(nullValue()));
        ApiException tooLong = assertThrows(ApiException.class, () -> Reason.check("x".repeat(Reason.MAX_LENGTH + 1), "note", false));
        assertThat(tooLong.code(), is("invalid_note"));
        assertThat(tooLong.status().code(), is(400));
    }

    @Test
    void theLimitCountsCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE00";
        assertThat(Reason.check(emoji.repeat(Reason.MAX_LENGTH), "reason", true), is(emoji.repeat(Reason.MAX_LENGTH)));
        assertThat(Reason.check(" " + "x".repeat(Reason.MAX_LENGTH) + " ", "reason", true), is("x".repeat(Reason.MAX_LENGTH)));
        assertThrows(ApiException.class, () -> Reason.check(emoji.repeat(Reason.MAX_LENGTH + 1), "reason", true));
    }
}
