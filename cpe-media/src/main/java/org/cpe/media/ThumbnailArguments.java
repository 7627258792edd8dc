package org.cpe.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;

/**
 * The ffmpeg arguments of a THUMB output: one JPEG frame at {@code snapshot_sec}, or one every {@code intervals}
 * seconds numbered {@code <name>000001.jpg}, …, fitted into the output's size.
 */
final class ThumbnailArguments {

    private ThumbnailArguments() {}

    /** The arguments that make {@code main} (or, with intervals, the numbered files beside it) from {@code file}. */
    static List<String> of(Path file, AssetInfo info, OutputAsset output, Path main) throws ActivityException {
        List<String> args = new ArrayList<>();
        List<String> filters = new ArrayList<>();
        String mode = output.mode();
        Path target = main;
        if (mode.equals("snapshot")) {
            double at = output.snapshotSeconds();
            if (at < 0 || info.duration() > 0 && at > info.duration()) {
                throw new ActivityException(
                        ActivityReasons.INPUT_INVALID,
                        "output_asset.snapshot_sec = " + at + " is outside the video (0 to " + info.duration() + " s)");
            }
            args.addAll(List.of("-ss", String.valueOf(at)));
            args.addAll(Ffmpeg.input(file));
            args.addAll(List.of("-frames:v", "1"));
        } else if (mode.equals("intervals")) {
            int every = output.intervalSeconds();
            if (every < 1) {
                throw new ActivityException(
                        ActivityReasons.INPUT_INVALID, "output_asset.intervals must be at least 1 second");
            }
            args.addAll(Ffmpeg.input(file));
            filters.add("fps=1/" + every);
            String name = main.getFileName().toString();
            target = main.resolveSibling(FileNames.stem(name) + "%06d" + FileNames.extension(name, ".jpg"));
        } else {
            throw new ActivityException(
                    ActivityReasons.INPUT_INVALID,
                    "output_asset.mode = \"" + mode + "\": give \"snapshot\" or \"intervals\"");
        }
        Fit.scaleFilter(filters, output, info.width(), info.height());
        if (!filters.isEmpty()) {
            args.addAll(List.of("-vf", String.join(",", filters)));
        }
        args.addAll(List.of("-q:v", "3", "-f", "image2", target.toString()));
        return args;
    }
}
