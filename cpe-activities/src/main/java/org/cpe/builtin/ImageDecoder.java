package org.cpe.builtin;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.cpe.activity.ActivityException;

/** Decodes an image with ImageIO only as finely as its thumbnail needs, and sizes that thumbnail. */
final class ImageDecoder {

    /** Larger images are refused rather than decoded: a small file can claim enormous dimensions. */
    static final long MAX_PIXELS = 250_000_000L;

    /** The decoded pixels, possibly subsampled, and the size the thumbnail must have. */
    record Decoded(BufferedImage image, Dimension target) {}

    private ImageDecoder() {}

    static Decoded decode(byte[] bytes, int maxWidth, int maxHeight) throws ActivityException {
        // A memory cache, not ImageIO's default temporary files, since the bytes are in memory already.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw notAnImage("");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return read(reader, maxWidth, maxHeight);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // ImageIO's decoders throw unchecked exceptions on some corrupt files too.
            throw notAnImage(": " + e);
        }
    }

    /** The largest size within the box with the image's aspect ratio, never larger than the image. */
    static Dimension fit(int width, int height, int maxWidth, int maxHeight) {
        double scale = Math.min(1.0, Math.min((double) maxWidth / width, (double) maxHeight / height));
        return new Dimension(clamp(Math.round(width * scale), maxWidth), clamp(Math.round(height * scale), maxHeight));
    }

    private static Decoded read(ImageReader reader, int maxWidth, int maxHeight) throws IOException, ActivityException {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if ((long) width * height > MAX_PIXELS) {
            throw Inputs.invalid("the image is " + width + "x" + height + " pixels, more than the " + MAX_PIXELS
                    + " a thumbnail is made from");
        }
        Dimension target = fit(width, height, maxWidth, maxHeight);
        // Skipping rows and columns keeps memory small for large images; keeping twice the target's pixels
        // leaves the scaler enough to smooth.
        int step = Math.max(1, Math.min(width / (2 * target.width), height / (2 * target.height)));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        return new Decoded(reader.read(0, param), target);
    }

    private static int clamp(long size, int max) {
        return (int) Math.max(1, Math.min(max, size));
    }

    private static ActivityException notAnImage(String cause) {
        String formats = Arrays.stream(ImageIO.getReaderFormatNames())
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new))
                .stream()
                .collect(Collectors.joining(", "));
        return Inputs.invalid("the input is not an image ImageIO can read (it reads: " + formats + ")" + cause);
    }
}
