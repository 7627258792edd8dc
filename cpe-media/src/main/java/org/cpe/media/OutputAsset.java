package org.cpe.media;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;

/**
 * The {@code output_asset} of a TranscodeAsset task, read field by field when a conversion asks, so that each error
 * still comes at the step that needs the field; the defaults are the original's.
 */
final class OutputAsset {

    private final JsonNode json;

    private OutputAsset(JsonNode json) {
        this.json = json;
    }

    /** The output of a task's input; it must be an object. */
    static OutputAsset of(JsonNode json) throws ActivityException {
        if (!json.isObject()) {
            throw new ActivityException(
                    ActivityReasons.INPUT_INVALID, "\"output_asset\" must be an object with at least type and uri");
        }
        return new OutputAsset(json);
    }

    /** {@code type} in upper case: VIDEO, THUMB, AUDIO or IMAGE ("" when absent). */
    String type() {
        return json.path("type").asText("").toUpperCase(Locale.ROOT);
    }

    /** {@code uri}: where the main file goes. */
    Location target() throws ActivityException {
        return Location.parse("output_asset.uri", json.path("uri"));
    }

    /** {@code overwrite}: whether existing files may be replaced (false when absent). */
    boolean overwrite() throws ActivityException {
        JsonNode value = json.path("overwrite");
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new ActivityException(
                    ActivityReasons.INPUT_INVALID, "output_asset.overwrite must be true or false, not " + value);
        }
        return value.booleanValue();
    }

    /** {@code describe}: whether the result describes the main output as ffprobe sees it (true when absent). */
    boolean describe() {
        return json.path("describe").asBoolean(true);
    }

    /** The {@code preset} with the output's own overrides applied. */
    Preset preset() throws ActivityException {
        return Preset.resolve(json);
    }

    /** {@code size} alone, as a preset with only a width and height; null when absent. */
    Preset size() throws ActivityException {
        return json.hasNonNull("size") ? Preset.sizeOf(json) : null;
    }

    /** {@code allow_upscale}: whether a picture may be enlarged to fit the size (false when absent). */
    boolean allowUpscale() {
        return json.path("allow_upscale").asBoolean(false);
    }

    /** {@code mode} of a THUMB output: {@code snapshot} (the default) or {@code intervals}. */
    String mode() {
        return json.path("mode").asText("snapshot");
    }

    /** {@code snapshot_sec}: where a snapshot is taken (0 when absent). */
    double snapshotSeconds() {
        return json.path("snapshot_sec").asDouble(0);
    }

    /** {@code intervals}: the seconds between two thumbnails (10 when absent). */
    int intervalSeconds() {
        return json.path("intervals").asInt(10);
    }

    /** {@code crop} as given ({@code W:H:X:Y}); null when absent. */
    String crop() {
        return json.hasNonNull("crop") ? json.get("crop").asText() : null;
    }

    /** {@code quality} as given (-1 when it is not a number); null when absent. */
    Integer quality() {
        return json.hasNonNull("quality") ? json.get("quality").asInt(-1) : null;
    }

    /** {@code watermark}; null when absent. */
    JsonNode watermark() {
        JsonNode spec = json.path("watermark");
        return spec.isMissingNode() || spec.isNull() ? null : spec;
    }
}
