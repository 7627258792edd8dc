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
import java.util.List;
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
 * The result names the files written and describes the main one as ffprobe sees it. This class runs the steps; the
 * arguments of each output type are made by {@link VideoArguments}, {@link ThumbnailArguments}, {@link
 * AudioArguments} and {@link ImageArguments} from the {@link OutputAsset}.
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
        OutputAsset output = OutputAsset.of(input.path("output_asset"));
        Location target = output.target();
        if (target.kind() == Location.Kind.HTTP) {
            throw new ActivityException(
                    ActivityReasons.INPUT_INVALID, "output_asset.uri must be a file: or s3:// URI, not " + target);
        }
        String outType = output.type();
        boolean overwrite = output.overwrite();
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
                        case "VIDEO" -> VideoArguments.of(
                                file,
                                info,
                                output,
                                main,
                                Watermark.fetch(output.watermark(), work.path(), context, s3));
                        case "THUMB" -> ThumbnailArguments.of(file, info, output, main);
                        case "AUDIO" -> AudioArguments.of(file, output, main);
                        default -> ImageArguments.of(file, info, output, main);
                    };
            double duration = outType.equals("THUMB") && "snapshot".equals(output.mode()) ? 0 : info.duration();
            ffmpeg.transcode(arguments, context, done -> {
                context.progress(Ffmpeg.progressDetails(duration, done));
                context.heartbeat();
            });
            context.throwIfCancelRequested();
            return store(made, main, target, overwrite, info, output.describe(), context);
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
}
