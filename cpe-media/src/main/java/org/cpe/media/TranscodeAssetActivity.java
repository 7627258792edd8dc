package org.cpe.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.cpe.activity.Activity;
import org.cpe.activity.ActivityContext;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;
import org.cpe.activity.ActivityTask;
import org.cpe.activity.ActivityType;

/**
 * {@code TranscodeAsset}, as the original's, with ffmpeg: input {@code {"input_asset", "input_asset_metadata"
 * (ValidateAsset's result; probed again when absent), "output_asset": {"type", "uri", …}}}.
 *
 * <ul>
 *   <li>{@code VIDEO}: a {@code preset} ({@link Preset#NAMES}) and overrides ({@code size}, {@code video_codec},
 *       {@code audio_codec}, {@code video_bitrate}, {@code audio_bitrate}, {@code frame_rate}, {@code
 *       video_codec_options}, all really applied). The picture keeps its aspect ratio inside {@code size} and is never
 *       enlarged unless {@code allow_upscale} is true. An HLS preset writes the playlist at {@code uri} and its
 *       segments beside it. A {@code watermark} ({@code uri}, {@code size}, {@code opacity}, {@code x}, {@code y}) is
 *       laid over the scaled picture.
 *   <li>{@code THUMB}: {@code mode} {@code snapshot} (one frame at {@code snapshot_sec}) or {@code intervals} (one
 *       every {@code intervals} seconds, numbered {@code <name>000001.jpg}, …), scaled into {@code size}.
 *   <li>{@code AUDIO}: the sound track alone, in the format of the {@code uri}'s extension ({@code audio_codec} and
 *       {@code audio_bitrate} optional).
 *   <li>{@code IMAGE} (from an image): {@code size} (fit, no enlarging unless asked), {@code crop} ({@code
 *       W:H:X:Y}), {@code quality} (1–100).
 * </ul>
 *
 * Progress goes to the client as {@code ACTIVITY_PROGRESS {duration, done, progress}}; a cancellation kills ffmpeg.
 * The result names the files written and describes the main one as ffprobe sees it.
 */
@ApplicationScoped
@ActivityType(
        name = "TranscodeAsset",
        version = "1",
        description = "Video with presets and overrides, thumbnails, audio extraction and images, with ffmpeg",
        defaultStartToCloseTimeout = "21600",
        defaultScheduleToStartTimeout = "3600",
        defaultScheduleToCloseTimeout = "25200")
public class TranscodeAssetActivity implements Activity {

    private static final Map<String, Set<String>> CONVERSIONS = Map.of(
            "VIDEO", Set.of("VIDEO", "THUMB", "AUDIO"),
            "AUDIO", Set.of("AUDIO"),
            "IMAGE", Set.of("IMAGE"));

    private final Ffmpeg ffmpeg = Ffmpeg.fromSystem();

    @Inject
    MediaS3 s3 = new MediaS3();

    /** For CDI. */
    public TranscodeAssetActivity() {}

    /** With this S3 storage, for tests. */
    TranscodeAssetActivity(MediaS3 s3) {
        this.s3 = s3;
    }

    @Override
    public JsonNode execute(ActivityTask task, ActivityContext context) throws ActivityException {
        JsonNode input = task.input();
        Location source = Location.parse("input_asset", input.path("input_asset"));
        JsonNode output = input.path("output_asset");
        if (!output.isObject()) {
            throw new ActivityException(
                    ActivityReasons.INPUT_INVALID, "\"output_asset\" must be an object with at least type and uri");
        }
        Location target = Location.parse("output_asset.uri", output.path("uri"));
        if (target.kind() == Location.Kind.HTTP) {
            throw new ActivityException(
                    ActivityReasons.INPUT_INVALID, "output_asset.uri must be a file: or s3:// URI, not " + target);
        }
        String outType = output.path("type").asText("").toUpperCase(Locale.ROOT);
        boolean overwrite = overwrite(output);
        if (target.kind() == Location.Kind.FILE) {
            // Refused before minutes of ffmpeg rather than after.
            context.files().forWriting(target.uri(), overwrite);
        }
        try (WorkDir work = WorkDir.create(task)) {
            Path file = Storage.fetch(source, work.path(), context, s3);
            JsonNode metadata = input.path("input_asset_metadata");
            AssetInfo info = metadata.path("streams").isArray()
                    ? AssetInfo.of(metadata)
                    : AssetInfo.of(ffmpeg.probe(file, context));
            if (!CONVERSIONS.getOrDefault(info.type(), Set.of()).contains(outType)) {
                throw new ActivityException(
                        MediaReasons.CONVERSION_TYPE_ERROR,
                        "a " + info.type() + " asset cannot become output type \"" + outType + "\"; it can become "
                                + CONVERSIONS.get(info.type()));
            }
            Path made = work.path().resolve("out");
            Files.createDirectories(made);
            Path main = made.resolve(target.fileName());
            List<String> arguments =
                    switch (outType) {
                        case "VIDEO" -> video(file, info, output, main, watermark(output, work.path(), context, s3));
                        case "THUMB" -> thumbnails(file, info, output, main);
                        case "AUDIO" -> audio(file, output, main);
                        default -> image(file, info, output, main);
                    };
            double duration = outType.equals("THUMB") && "snapshot".equals(mode(output)) ? 0 : info.duration();
            ffmpeg.transcode(arguments, context, done -> {
                context.progress(Ffmpeg.progressDetails(duration, done));
                context.heartbeat();
            });
            context.throwIfCancelRequested();
            return store(
                    made, main, target, overwrite, info, output.path("describe").asBoolean(true), context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Moves what ffmpeg made into place and describes it: with {@code describe} (the default, as the original did)
     * the main output as ffprobe sees it, which costs one ffprobe run (about 0.2 s); without, only where it went.
     */
    private ObjectNode store(
            Path made,
            Path main,
            Location target,
            boolean overwrite,
            AssetInfo source,
            boolean describe,
            ActivityContext context)
            throws ActivityException, IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(made)) {
            files = listed.sorted().toList();
        }
        if (files.isEmpty()) {
            throw new ActivityException(MediaReasons.FFMPEG_FAILED, "ffmpeg succeeded but wrote no file");
        }
        Path described = Files.exists(main) ? main : files.get(0);
        ObjectNode summary =
                describe ? AssetInfo.of(ffmpeg.probe(described, context)).summary() : AssetInfo.JSON.createObjectNode();
        ArrayNode written = AssetInfo.JSON.createArrayNode();
        for (Path file : files) {
            Location to = file.equals(main)
                    ? target
                    : target.sibling(file.getFileName().toString());
            Storage.store(file, to, overwrite, context, s3);
            written.add(to.toString());
        }
        summary.put(
                "output",
                described.equals(main)
                        ? target.toString()
                        : target.sibling(described.getFileName().toString()).toString());
        summary.set("files", written);
        summary.put("source_type", source.type());
        return summary;
    }

    /** {@code output_asset.overwrite}: whether existing files may be replaced (false when absent). */
    private static boolean overwrite(JsonNode output) throws ActivityException {
        JsonNode value = output.path("overwrite");
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new ActivityException(
                    ActivityReasons.INPUT_INVALID, "output_asset.overwrite must be true or false, not " + value);
        }
        return value.booleanValue();
    }

    /** The ffmpeg arguments of a VIDEO output; package-private for the benchmark, which runs them directly too. */
    static List<String> video(Path file, AssetInfo info, JsonNode output, Path main, Watermark watermark)
            throws ActivityException {
        Preset preset = Preset.resolve(output);
        List<String> args = new ArrayList<>(Ffmpeg.input(file));
        String scale = null;
        if (preset.width() > 0) {
            int[] size = fit(
                    info,
                    preset.width(),
                    preset.height(),
                    output.path("allow_upscale").asBoolean(false));
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
        add(args, "-c:v", preset.videoCodec());
        add(args, "-b:v", preset.videoBitrate());
        add(args, "-r", preset.frameRate());
        args.addAll(preset.codecOptions());
        add(args, "-c:a", preset.audioCodec());
        add(args, "-b:a", preset.audioBitrate());
        if (preset.hls()) {
            String base = stem(main.getFileName().toString());
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

    private static List<String> thumbnails(Path file, AssetInfo info, JsonNode output, Path main)
            throws ActivityException {
        List<String> args = new ArrayList<>();
        List<String> filters = new ArrayList<>();
        String mode = mode(output);
        Path target = main;
        if (mode.equals("snapshot")) {
            double at = output.path("snapshot_sec").asDouble(0);
            if (at < 0 || info.duration() > 0 && at > info.duration()) {
                throw new ActivityException(
                        ActivityReasons.INPUT_INVALID,
                        "output_asset.snapshot_sec = " + at + " is outside the video (0 to " + info.duration() + " s)");
            }
            args.addAll(List.of("-ss", String.valueOf(at)));
            args.addAll(Ffmpeg.input(file));
            args.addAll(List.of("-frames:v", "1"));
        } else if (mode.equals("intervals")) {
            int every = output.path("intervals").asInt(10);
            if (every < 1) {
                throw new ActivityException(
                        ActivityReasons.INPUT_INVALID, "output_asset.intervals must be at least 1 second");
            }
            args.addAll(Ffmpeg.input(file));
            filters.add("fps=1/" + every);
            String name = main.getFileName().toString();
            target = main.resolveSibling(stem(name) + "%06d" + extension(name, ".jpg"));
        } else {
            throw new ActivityException(
                    ActivityReasons.INPUT_INVALID,
                    "output_asset.mode = \"" + mode + "\": give \"snapshot\" or \"intervals\"");
        }
        scale(filters, output, info.width(), info.height());
        if (!filters.isEmpty()) {
            args.addAll(List.of("-vf", String.join(",", filters)));
        }
        args.addAll(List.of("-q:v", "3", "-f", "image2", target.toString()));
        return args;
    }

    private static List<String> audio(Path file, JsonNode output, Path main) throws ActivityException {
        Preset preset = Preset.resolve(output);
        List<String> args = new ArrayList<>(Ffmpeg.input(file));
        args.addAll(List.of("-vn", "-map", "0:a:0"));
        add(args, "-c:a", preset.audioCodec());
        add(args, "-b:a", preset.audioBitrate());
        args.add(main.toString());
        return args;
    }

    private static List<String> image(Path file, AssetInfo info, JsonNode output, Path main) throws ActivityException {
        List<String> args = new ArrayList<>(Ffmpeg.input(file));
        List<String> filters = new ArrayList<>();
        int width = info.width();
        int height = info.height();
        if (output.hasNonNull("crop")) {
            String crop = output.get("crop").asText();
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
        scale(filters, output, width, height);
        if (!filters.isEmpty()) {
            args.addAll(List.of("-vf", String.join(",", filters)));
        }
        if (output.hasNonNull("quality")) {
            int quality = output.get("quality").asInt(-1);
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

    /**
     * The watermark of {@code output.watermark}: {@code {"uri", "size" (WxH, optional), "opacity" (0 to 1, default 1),
     * "x", "y"}}, where a negative x or y counts from the right or bottom edge, as the original's did.
     */
    record Watermark(Path file, String filter, String overlay) {}

    private static Watermark watermark(JsonNode output, Path workDir, ActivityContext context, MediaS3 s3)
            throws ActivityException {
        JsonNode spec = output.path("watermark");
        if (spec.isMissingNode() || spec.isNull()) {
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
            Preset size = Preset.resolve(sizeOnly(spec));
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

    /** Adds the scale filter of {@code output.size}, if any, for a picture of {@code width} x {@code height}. */
    private static void scale(List<String> filters, JsonNode output, int width, int height) throws ActivityException {
        if (output.hasNonNull("size")) {
            Preset size = Preset.resolve(sizeOnly(output));
            int[] fitted = fit(
                    width,
                    height,
                    size.width(),
                    size.height(),
                    output.path("allow_upscale").asBoolean(false));
            filters.add("scale=" + fitted[0] + ":" + fitted[1]);
        }
    }

    /**
     * The size that fits {@code width} x {@code height} with the asset's aspect ratio, never larger than the asset
     * unless {@code upscale}; even numbers, as most encoders need.
     */
    static int[] fit(AssetInfo info, int width, int height, boolean upscale) {
        return fit(info.width(), info.height(), width, height, upscale);
    }

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

    private static int even(double value) {
        return Math.max(2, (int) Math.round(value / 2) * 2);
    }

    private static JsonNode sizeOnly(JsonNode output) {
        return AssetInfo.JSON.createObjectNode().set("size", output.get("size"));
    }

    private static String mode(JsonNode output) {
        return output.path("mode").asText("snapshot");
    }

    private static void add(List<String> args, String option, String value) {
        if (value != null) {
            args.add(option);
            args.add(value);
        }
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String extension(String name, String fallback) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot) : fallback;
    }
}
