package org.cpe.media;

import java.util.List;
import org.cpe.activity.ActivityException;

/**
 * The size a picture is scaled to: fitted into a box with its aspect ratio kept, never larger than it was unless
 * upscaling is allowed, in even numbers, as most encoders need.
 */
final class Fit {

    private Fit() {}

    /** The size that fits {@code width} x {@code height} with the asset's aspect ratio. */
    static int[] fit(AssetInfo info, int width, int height, boolean upscale) {
        return fit(info.width(), info.height(), width, height, upscale);
    }

    /** As {@link #fit(AssetInfo, int, int, boolean)} for a picture of {@code sourceWidth} x {@code sourceHeight}. */
    static int[] fit(int sourceWidth, int sourceHeight, int width, int height, boolean upscale) {
        if (sourceWidth <= 0 || sourceHeight <= 0) {
            return new int[] {even(width), even(height)};
        }
        double scale = Math.min((double) width / sourceWidth, (double) height / sourceHeight);
        if (!upscale) {
            scale = Math.min(scale, 1.0);
        }
        return new int[] {even(sourceWidth * scale), even(sourceHeight * scale)};
    }

    /** Adds the scale filter of the output's {@code size}, if any, for a picture of {@code width} x {@code height}. */
    static void scaleFilter(List<String> filters, OutputAsset output, int width, int height) throws ActivityException {
        Preset size = output.size();
        if (size != null) {
            int[] fitted = fit(width, height, size.width(), size.height(), output.allowUpscale());
            filters.add("scale=" + fitted[0] + ":" + fitted[1]);
        }
    }

    private static int even(double value) {
        return Math.max(2, (int) Math.round(value / 2) * 2);
    }
}
