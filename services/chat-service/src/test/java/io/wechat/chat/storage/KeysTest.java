package io.wechat.chat.storage;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

class KeysTest {
    @Test
    void directPairKeyIsTheSameInBothDirections() {
        assertThat(Keys.directPk("u-b", "u-a"), is(Keys.directPk("u-a", "u-b")));
        assertThat(Keys.directPk("u-a", "u-b"), is("DIRECT#u-a#u-b"));
    }

    @Test
    void activityKeysSortChronologicallyAndNeverCollide() {
        String earlier = Keys.activityKey("2026-11-26T21:00:00.999Z", "c-2");
        String later = Keys.activityKey("2026-11-26T21:00:01.000Z", "c-1");
        assertThat(earlier.compareTo(later), lessThan(0));
        String sameTimeOther = Keys.activityKey("2026-11-26T21:00:00.999Z", "c-3");
        assertThat(earlier.equals(sameTimeOther), is(false));
    }

    @Test
    void idsThatCouldBreakAKeyAreRejected() {
        assertThat(Keys.isValidId("u-1234_abc.def:9"), is(true));
        assertThat(Keys.isValidId("a#b"), is(false));
        assertThat(Keys.isValidId(""), is(false));
        assertThat(Keys.isValidId(null), is(false));
        assertThat(Keys.isValidId("x".repeat(129)), is(false));
        assertThat(Keys.isValidId("with space"), is(false));
    }

    @Test
    void itemKindsHaveDistinctPrefixes() {
        assertThat(Keys.meta("c1").get("pk").s(), is("CONV#c1"));
        assertThat(Keys.member("c1", "u1").get("sk").s(), is("MEMBER#u1"));
        assertThat(Keys.sendPk("u1") + "/" + Keys.sendSk("m1"), is("SEND#u1/CMID#m1"));
        assertThat(Keys.message("c1", 42).get("seq").n(), is("42"));
    }
}
