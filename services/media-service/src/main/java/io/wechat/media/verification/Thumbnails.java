package io.wechat.media.verification;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * JPEG thumbnails whose longest side is {@link #MAX_SIDE} px (smaller images keep their size). Decoding
 * reads the dimensions first and subsamples large images, so a 20 MB upload never becomes a huge bitmap;
 * images above {@link #MAX_PIXELS} are refused (decompression bombs). ImageIO reads JPEG, PNG and GIF
 * (first frame); TwelveMonkeys' plug-in adds WebP.
 */
public final class Thumbnails {
    public static final int MAX_SIDE = 320;
    static final long MAX_PIXELS = 100_000_000L;

    static {
        ImageIO.setUseCache(false);
    }

    /** A thumbnail and the original's dimensions. */
    public record Thumbnail(byte[] jpeg, int width, int height, int originalWidth, int originalHeight) {
    }

    private Thumbnails() {
    }

    /** The thumbnail, or empty when no installed reader decodes these bytes. */
    public static Optional<Thumbnail> create(byte[] image) throws IOException {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < 1 || height < 1 || (long) width * height > MAX_PIXELS) {
                    throw new IOException("image dimensions " + width + "x" + height + " are out of range");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int subsampling = Math.max(1, Math.max(width, height) / (MAX_SIDE * 2));
                param.setSourceSubsampling(subsampling, subsampling, 0, 0);
                BufferedImage decoded = reader.read(0, param);
                return Optional.of(scale(decoded, width, height));
            } finally {
                reader.dispose();
            }
        }
    }

    private static Thumbnail scale(BufferedImage source, int originalWidth, int originalHeight) throws IOException {
        double factor = Math.min(1.0, (double) MAX_SIDE / Math.max(originalWidth, originalHeight));
        int width = Math.max(1, (int) Math.round(originalWidth * factor));
        int height = Math.max(1, (int) Math.round(originalHeight * factor));
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            // JPEG has no alpha: transparent pixels become white rather than black.
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return new Thumbnail(jpeg(target), width, height, originalWidth, originalHeight);
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.8f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
