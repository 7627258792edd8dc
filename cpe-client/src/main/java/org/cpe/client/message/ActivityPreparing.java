package org.cpe.client.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code ACTIVITY_PREPARING}: the activity prepares its work (downloads, for example). */
public final class ActivityPreparing extends ActivityMessage {

    ActivityPreparing(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    /** What the activity reported with it, or null. */
    public JsonNode details() {
        return activityResult();
    }
}
