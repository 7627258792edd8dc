package org.cpe.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cpe.activity.ActivityException;

/**
 * The ffmpeg arguments of a VIDEO output: a preset with the output's overrides, the picture fitted into its size, an
 * optional watermark laid over it, and an HLS playlist with its segments or a file that starts playing early.
 */
final class VideoArguments {

    private VideoArguments() {}

    /** The arguments that make {@code main} from {@code file}; the benchmark runs them directly too. */
    static List<String> of(Path file, AssetInfo info, OutputAsset output, Path main, Watermark watermark)
            throws ActivityException {
        Preset preset = output.preset();
        List<String> args = new ArrayList<>(Ffmpeg.input(file));
        String scale = null;
        if (preset.width() > 0) {
            int[] size = Fit.fit(info, preset.width(), preset.height(), output.allowUpscale());
            scale = "scale=" + size[0] + ":" + size[1];
        }
        if (watermark != null) {
            // One filter graph: the picture is scaled, then the watermark laid over it (the original's second -vf
            // replaced the first, so a watermark undid the scaling).
            args.addAll(Ffmpeg.input(watermark.file()));
            args.addAll(List.of(
                    "-filter_complex",
                    "[0:v]" + (scale == null ? "null" : scale) + "[base];" + watermark.filter() + ";[base][wm]"
                            + watermark.overlay() + "[out]",
                    "-map",
                    "[out]",
                    "-map",
                    "0:a:0?"));
        } else {
            args.addAll(List.of("-map", "0:v:0", "-map", "0:a:0?"));
            if (scale != null) {
                args.addAll(List.of("-vf", scale));
            }
        }
        Ffmpeg.option(args, "-c:v", preset.videoCodec());
        Ffmpeg.option(args, "-b:v", preset.videoBitrate());
        Ffmpeg.option(args, "-r", preset.frameRate());
        args.addAll(preset.codecOptions());
        Ffmpeg.option(args, "-c:a", preset.audioCodec());
        Ffmpeg.option(args, "-b:a", preset.audioBitrate());
        if (preset.hls()) {
            String base = FileNames.stem(main.getFileName().toString());
            args.addAll(List.of(
                    "-f",
                    "hls",
                    "-hls_time",
                    "6",
                    "-hls_playlist_type",
                    "vod",
                    "-hls_segment_filename",
                    main.resolveSibling(base + "_%05d.ts").toString()));
        } else if (main.toString().toLowerCase(Locale.ROOT).endsWith(".mp4")) {
            args.addAll(List.of("-movflags", "+faststart"));
        }
        args.add(main.toString());
        return args;
    }
}
