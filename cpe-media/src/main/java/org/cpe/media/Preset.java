package org.cpe.media;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;

/**
 * A video preset in the original's shape ({@code name, description, size, frame_rate, video_bitrate, audio_bitrate,
 * video_codec, audio_codec, video_codec_options}, plus {@code format: "hls"} for HTTP Live Streaming), packaged under
 * {@code org/cpe/media/presets/<name>.json}. The output's own fields override the preset's.
 */
record Preset(
        String name,
        int width,
        int height,
        String frameRate,
        String videoBitrate,
        String audioBitrate,
        String videoCodec,
        String audioCodec,
        List<String> codecOptions,
        boolean hls) {

    /** The presets packaged with CPE. */
    static final List<String> NAMES = List.of(
            "1080p-generic", "720p-generic", "480p-generic", "360p-generic", "hls-720p-generic", "hls-360p-generic");

    private static final Pattern SIZE = Pattern.compile("(\\d{1,5})[x:](\\d{1,5})");
    private static final Pattern BITRATE = Pattern.compile("\\d{1,6}(\\.\\d+)?[kKmM]?");
    private static final Pattern FRAME_RATE = Pattern.compile("\\d{1,3}(\\.\\d+)?|\\d{1,6}/\\d{1,6}");
    private static final Pattern CODEC = Pattern.compile("[a-z0-9_]{1,32}");
    private static final Pattern OPTION_VALUE = Pattern.compile("[A-Za-z0-9_.+-]{1,32}");

    /**
     * Codec options by the names the original's presets use ({@code key:value} or {@code key=value}, comma separated),
     * as the ffmpeg options they stand for. The original parsed only {@code key=value} and so never applied them.
     */
    private static final Map<String, String> OPTIONS = Map.of(
            "maxreferenceframes", "-refs",
            "refs", "-refs",
            "profile", "-profile:v",
            "level", "-level:v",
            "preset", "-preset",
            "tune", "-tune",
            "crf", "-crf",
            "pix_fmt", "-pix_fmt",
            "g", "-g",
            "keyint", "-g");

    /** The preset named {@code name}, with the overrides of {@code output} applied. */
    static Preset resolve(JsonNode output) throws ActivityException {
        JsonNode base = AssetInfo.JSON.createObjectNode();
        String name = output.path("preset").asText(null);
        if (name != null) {
            if (!NAMES.contains(name)) {
                throw new ActivityException(
                        MediaReasons.UNKNOWN_PRESET, "no preset \"" + name + "\"; the presets are " + NAMES);
            }
            try (InputStream in = Preset.class.getResourceAsStream("presets/" + name + ".json")) {
                base = AssetInfo.JSON.readTree(in);
            } catch (IOException e) {
                throw new IllegalStateException("the packaged preset " + name + " cannot be read", e);
            }
        }
        String size = text(output, base, "size");
        int width = 0;
        int height = 0;
        if (size != null) {
            var matcher = SIZE.matcher(size);
            if (!matcher.matches()) {
                throw invalid("size", size, "WIDTHxHEIGHT or WIDTH:HEIGHT, such as 1280x720");
            }
            width = Integer.parseInt(matcher.group(1));
            height = Integer.parseInt(matcher.group(2));
        }
        return new Preset(
                name,
                width,
                height,
                checked(output, base, "frame_rate", FRAME_RATE, "a frame rate such as 30 or 30000/1001"),
                checked(output, base, "video_bitrate", BITRATE, "a bitrate such as 2500k"),
                checked(output, base, "audio_bitrate", BITRATE, "a bitrate such as 128k"),
                checked(output, base, "video_codec", CODEC, "an ffmpeg encoder name such as libx264"),
                checked(output, base, "audio_codec", CODEC, "an ffmpeg encoder name such as aac"),
                codecOptions(text(output, base, "video_codec_options")),
                "hls".equalsIgnoreCase(text(output, base, "format")));
    }

    /** The {@code size} of {@code holder} (an output or a watermark) alone: a preset with only a width and height. */
    static Preset sizeOf(JsonNode holder) throws ActivityException {
        return resolve(AssetInfo.JSON.createObjectNode().set("size", holder.get("size")));
    }

    private static String text(JsonNode output, JsonNode base, String field) {
        JsonNode value = output.has(field) ? output.get(field) : base.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String checked(JsonNode output, JsonNode base, String field, Pattern allowed, String example)
            throws ActivityException {
        String value = text(output, base, field);
        if (value != null && !allowed.matcher(value).matches()) {
            throw invalid(field, value, example);
        }
        return value;
    }

    static List<String> codecOptions(String text) throws ActivityException {
        List<String> arguments = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return arguments;
        }
        for (String pair : text.split(",")) {
            String[] parts = pair.trim().split("[:=]", 2);
            String option = parts.length == 2 ? OPTIONS.get(parts[0].trim().toLowerCase(Locale.ROOT)) : null;
            if (option == null || !OPTION_VALUE.matcher(parts[1].trim()).matches()) {
                throw invalid(
                        "video_codec_options",
                        pair.trim(),
                        "comma separated name:value pairs of " + OPTIONS.keySet() + ", such as Profile:high,Level:4.1");
            }
            arguments.add(option);
            // x264's profile names are lower case; the original's presets wrote "Profile:high" and "Profile:High".
            String value = parts[1].trim();
            arguments.add(option.equals("-profile:v") ? value.toLowerCase(Locale.ROOT) : value);
        }
        return arguments;
    }

    private static ActivityException invalid(String field, String value, String allowed) {
        return new ActivityException(
                ActivityReasons.INPUT_INVALID,
                "output_asset." + field + " = \"" + value + "\" is not allowed: give " + allowed);
    }
}
