package org.cpe.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cpe.activity.ActivityException;

/**
 * What ffprobe says of an asset, read: its type (VIDEO, AUDIO, IMAGE), its MIME type (from the container ffprobe
 * recognised, since CPE does not rely on the {@code file} program), duration and the size of its first video stream.
 */
record AssetInfo(String type, String mime, double duration, int width, int height, JsonNode probe) {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> IMAGE_CODECS =
            Set.of("png", "mjpeg", "bmp", "webp", "tiff", "gif", "jpegls", "jpeg2000", "ppm", "pgm", "pam");

    private static final Map<String, String> VIDEO_MIME = Map.of(
            "mov", "video/mp4",
            "matroska", "video/x-matroska",
            "webm", "video/webm",
            "avi", "video/x-msvideo",
            "mpegts", "video/mp2t",
            "ogg", "video/ogg",
            "flv", "video/x-flv",
            "mpeg", "video/mpeg",
            "hls", "application/vnd.apple.mpegurl");

    private static final Map<String, String> AUDIO_MIME = Map.of(
            "mp3", "audio/mpeg",
            "wav", "audio/wav",
            "ogg", "audio/ogg",
            "flac", "audio/flac",
            "mov", "audio/mp4",
            "aac", "audio/aac",
            "matroska", "audio/x-matroska",
            "webm", "audio/webm");

    private static final Map<String, String> IMAGE_MIME = Map.of(
            "png", "image/png",
            "mjpeg", "image/jpeg",
            "bmp", "image/bmp",
            "webp", "image/webp",
            "tiff", "image/tiff",
            "gif", "image/gif");

    /** Reads ffprobe's JSON output. */
    static AssetInfo of(String ffprobeJson) throws ActivityException {
        JsonNode probe;
        try {
            probe = JSON.readTree(ffprobeJson);
        } catch (java.io.IOException e) {
            throw new ActivityException(MediaReasons.INVALID_ASSET, "ffprobe's output is not JSON: " + e.getMessage());
        }
        return of(probe);
    }

    /** Reads ffprobe's JSON, as {@code ValidateAsset} returned it. */
    static AssetInfo of(JsonNode probe) throws ActivityException {
        String format = probe.at("/format/format_name").asText("").split(",")[0].toLowerCase(Locale.ROOT);
        JsonNode video = null;
        boolean audio = false;
        for (JsonNode stream : probe.path("streams")) {
            String kind = stream.path("codec_type").asText();
            boolean cover = stream.at("/disposition/attached_pic").asInt(0) == 1;
            if (kind.equals("video") && !cover && video == null) {
                video = stream;
            } else if (kind.equals("audio")) {
                audio = true;
            }
        }
        double duration = probe.at("/format/duration").asDouble(0);
        if (video != null) {
            String codec = video.path("codec_name").asText();
            boolean still = format.endsWith("_pipe")
                    || format.equals("image2")
                    || format.equals("webp_pipe")
                    || IMAGE_CODECS.contains(codec) && !audio && duration < 0.5 && !format.equals("gif");
            String type = still ? "IMAGE" : "VIDEO";
            String mime = still
                    ? IMAGE_MIME.getOrDefault(codec, "image/" + codec)
                    : VIDEO_MIME.getOrDefault(format.startsWith("mov") ? "mov" : format, "video/" + format);
            return new AssetInfo(
                    type,
                    mime,
                    duration,
                    video.path("width").asInt(),
                    video.path("height").asInt(),
                    probe);
        }
        if (audio) {
            return new AssetInfo(
                    "AUDIO",
                    AUDIO_MIME.getOrDefault(format.startsWith("mov") ? "mov" : format, "audio/" + format),
                    duration,
                    0,
                    0,
                    probe);
        }
        throw new ActivityException(
                MediaReasons.INVALID_ASSET,
                "the asset has neither a video nor an audio stream (format " + format + ")");
    }

    /** A short view of the probe for results: the format's main fields and each stream's. */
    ObjectNode summary() {
        ObjectNode summary = JSON.createObjectNode();
        summary.put("type", type).put("mime", mime);
        ObjectNode format = summary.putObject("format");
        for (String field : List.of("format_name", "duration", "size", "bit_rate", "nb_streams")) {
            if (probe.path("format").has(field)) {
                format.set(field, probe.path("format").get(field));
            }
        }
        ArrayNode streams = summary.putArray("streams");
        for (JsonNode stream : probe.path("streams")) {
            ObjectNode s = streams.addObject();
            for (String field : List.of(
                    "index",
                    "codec_type",
                    "codec_name",
                    "profile",
                    "width",
                    "height",
                    "r_frame_rate",
                    "bit_rate",
                    "sample_rate",
                    "channels",
                    "duration")) {
                if (stream.has(field)) {
                    s.set(field, stream.get(field));
                }
            }
        }
        return summary;
    }
}
