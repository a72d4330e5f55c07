package io.wechat.media.verification;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;

import javax.imageio.ImageIO;

import io.wechat.media.support.TestFiles;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ThumbnailsTest {
    @Test
    void landscapePngBecomesA320pxJpeg() throws IOException {
        Thumbnails.Thumbnail thumbnail = Thumbnails.create(TestFiles.image("png", 1600, 900)).orElseThrow();
        BufferedImage decoded = decode(thumbnail.jpeg());
        assertThat(decoded.getWidth(), is(320));
        assertThat(decoded.getHeight(), is(180));
        assertThat(thumbnail.originalWidth(), is(1600));
        assertThat(thumbnail.originalHeight(), is(900));
    }

    @Test
    void portraitJpegAndGifScaleByTheirLongestSide() throws IOException {
        assertThat(decode(Thumbnails.create(TestFiles.image("jpeg", 500, 1000)).orElseThrow().jpeg()).getHeight(), is(320));
        assertThat(decode(Thumbnails.create(TestFiles.image("gif", 640, 640)).orElseThrow().jpeg()).getWidth(), is(320));
    }

    @Test
    void smallImagesKeepTheirSize() throws IOException {
        BufferedImage decoded = decode(Thumbnails.create(TestFiles.image("png", 100, 50)).orElseThrow().jpeg());
        assertThat(decoded.getWidth(), is(100));
        assertThat(decoded.getHeight(), is(50));
    }

    @Test
    void webpIsDecodedByTheTwelveMonkeysPlugin() throws IOException {
        Thumbnails.Thumbnail thumbnail = Thumbnails.create(ContentSnifferTest.WEBP).orElseThrow();
        assertThat(decode(thumbnail.jpeg()).getWidth(), is(1));
    }

    @Test
    void truncatedImagesFailAndUnknownBytesHaveNoReader() throws IOException {
        byte[] png = TestFiles.image("png", 300, 300);
        byte[] truncated = Arrays.copyOf(png, png.length / 3);
        assertThrows(IOException.class, () -> Thumbnails.create(truncated));
        assertThat(Thumbnails.create(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).isEmpty(), is(true));
    }

    private static BufferedImage decode(byte[] jpeg) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }
}
