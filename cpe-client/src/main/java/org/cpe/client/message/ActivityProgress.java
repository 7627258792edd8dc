package org.cpe.client.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code ACTIVITY_PROGRESS}: how far a running step is. */
public final class ActivityProgress extends ActivityMessage {

    ActivityProgress(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    /** The percentage done (0 to 100), when the report has one ({@code result.progress}). */
    public Integer percent() {
        JsonNode details = activityResult();
        Double value = Fields.number(details, "progress");
        return value == null ? null : (int) Math.max(0, Math.min(100, Math.floor(value)));
    }

    /** The whole report ({@code result}), such as the original transcoder's {@code {duration, done, progress}}. */
    public JsonNode details() {
        return activityResult();
    }
}
