package org.cpe.media;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.cpe.activity.ActivityContext;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;

/**
 * A VIDEO output's watermark, fetched, as ffmpeg filters: {@code {"uri", "size" (WxH, optional), "opacity" (0 to 1,
 * default 1), "x", "y"}}, where a negative x or y counts from the right or bottom edge, as the original's did.
 *
 * @param file the watermark's image, fetched into the work folder
 * @param filter the filter that readies it as {@code [wm]}
 * @param overlay the overlay filter that places it
 */
record Watermark(Path file, String filter, String overlay) {

    /** The watermark of {@code spec} (null for none), with its image fetched into {@code workDir}. */
    static Watermark fetch(JsonNode spec, Path workDir, ActivityContext context, MediaS3 s3) throws ActivityException {
        if (spec == null) {
            return null;
        }
        Path file = Storage.fetch(Location.parse("output_asset.watermark", spec), workDir, context, s3);
        double opacity = spec.path("opacity").asDouble(1.0);
        if (opacity < 0 || opacity > 1) {
            throw new ActivityException(
                    ActivityReasons.INPUT_INVALID, "output_asset.watermark.opacity must be from 0 to 1");
        }
        StringBuilder filter = new StringBuilder("[1:v]");
        if (spec.hasNonNull("size")) {
            Preset size = Preset.sizeOf(spec);
            filter.append("scale=")
                    .append(size.width())
                    .append(':')
                    .append(size.height())
                    .append(',');
        }
        filter.append("format=rgba,colorchannelmixer=aa=").append(opacity).append("[wm]");
        int x = spec.path("x").asInt(0);
        int y = spec.path("y").asInt(0);
        String overlay = "overlay=" + (x < 0 ? "main_w-overlay_w" + x : String.valueOf(x)) + ":"
                + (y < 0 ? "main_h-overlay_h" + y : String.valueOf(y));
        return new Watermark(file, filter.toString(), overlay);
    }
}
