package org.cpe.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;

/**
 * The ffmpeg arguments of an IMAGE output from an image: cropped to {@code crop} ({@code W:H:X:Y}), fitted into the
 * output's size, and written at {@code quality} (1 to 100) on ffmpeg's JPEG scale.
 */
final class ImageArguments {

    private ImageArguments() {}

    /** The arguments that make {@code main} from {@code file}. */
    static List<String> of(Path file, AssetInfo info, OutputAsset output, Path main) throws ActivityException {
        List<String> args = new ArrayList<>(Ffmpeg.input(file));
        List<String> filters = new ArrayList<>();
        int width = info.width();
        int height = info.height();
        String crop = output.crop();
        if (crop != null) {
            if (!crop.matches("\\d{1,5}:\\d{1,5}:\\d{1,5}:\\d{1,5}")) {
                throw new ActivityException(
                        ActivityReasons.INPUT_INVALID,
                        "output_asset.crop = \"" + crop + "\": give WIDTH:HEIGHT:X:Y, such as 640:480:10:20");
            }
            filters.add("crop=" + crop);
            String[] parts = crop.split(":");
            width = Integer.parseInt(parts[0]);
            height = Integer.parseInt(parts[1]);
        }
        Fit.scaleFilter(filters, output, width, height);
        if (!filters.isEmpty()) {
            args.addAll(List.of("-vf", String.join(",", filters)));
        }
        Integer quality = output.quality();
        if (quality != null) {
            if (quality < 1 || quality > 100) {
                throw new ActivityException(
                        ActivityReasons.INPUT_INVALID, "output_asset.quality must be from 1 to 100");
            }
            // ffmpeg's JPEG scale: 2 (best) to 31 (worst).
            args.addAll(List.of("-q:v", String.valueOf(2 + Math.round((100 - quality) * 29 / 99.0f))));
        }
        args.addAll(List.of("-frames:v", "1", "-update", "1", main.toString()));
        return args;
    }
}
