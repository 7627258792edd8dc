package org.cpe.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.cpe.activity.Activity;
import org.cpe.activity.ActivityContext;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityTask;
import org.cpe.activity.ActivityType;

/**
 * {@code ValidateAsset}, as the original's: input {@code {"input_asset": URI or {"uri"} or {"http"}}}; result the
 * asset's ffprobe metadata ({@code format}, {@code streams}) with its {@code mime} type and its {@code type} (VIDEO,
 * AUDIO or IMAGE) for the client and for {@code TranscodeAsset}'s {@code input_asset_metadata}.
 */
@ApplicationScoped
@ActivityType(
        name = "ValidateAsset",
        version = "1",
        description = "MIME type, ffprobe metadata and asset type (VIDEO, AUDIO, IMAGE) of a media asset",
        defaultStartToCloseTimeout = "3600",
        defaultScheduleToStartTimeout = "3600",
        defaultScheduleToCloseTimeout = "7200")
public class ValidateAssetActivity implements Activity {

    private final Ffmpeg ffmpeg = Ffmpeg.fromSystem();

    @Inject
    MediaS3 s3 = new MediaS3();

    /** For CDI. */
    public ValidateAssetActivity() {}

    /** With this S3 storage, for tests. */
    ValidateAssetActivity(MediaS3 s3) {
        this.s3 = s3;
    }

    @Override
    public JsonNode execute(ActivityTask task, ActivityContext context) throws ActivityException {
        Location input = Location.parse("input_asset", task.input().path("input_asset"));
        try (WorkDir work = WorkDir.create(task)) {
            Path file = Storage.fetch(input, work.path(), context, s3);
            AssetInfo info = AssetInfo.of(ffmpeg.probe(file, context));
            ObjectNode result = AssetInfo.JSON.createObjectNode();
            result.set("format", info.probe().path("format"));
            result.set("streams", info.probe().path("streams"));
            result.put("mime", info.mime()).put("type", info.type());
            return result;
        }
    }
}
