package io.wechat.media.storage;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class ObjectKeysTest {
    @Test
    void uploadsAndThumbnailsHaveTheirOwnPrefixes() {
        assertThat(ObjectKeys.upload("u-1", "m-1"), is("uploads/u-1/m-1"));
        assertThat(ObjectKeys.thumbnail("m-1"), is("thumbnails/m-1.jpg"));
    }

    @Test
    void parsesOnlyUploadKeys() {
        assertThat(ObjectKeys.parseUpload("uploads/u-1/m-1").orElseThrow(), is(new ObjectKeys.UploadKey("u-1", "m-1")));
        assertThat(ObjectKeys.parseUpload("thumbnails/m-1.jpg").isPresent(), is(false));
        assertThat(ObjectKeys.parseUpload("uploads/m-1").isPresent(), is(false));
        assertThat(ObjectKeys.parseUpload("uploads/u-1/").isPresent(), is(false));
        assertThat(ObjectKeys.parseUpload(null).isPresent(), is(false));
    }
}
