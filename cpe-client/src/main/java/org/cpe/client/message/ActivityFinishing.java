package org.cpe.client.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code ACTIVITY_FINISHING}: the activity finishes its work (uploads, for example). */
public final class ActivityFinishing extends ActivityMessage {

    ActivityFinishing(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    /** What the activity reported with it, or null. */
    public JsonNode details() {
        return activityResult();
    }
}
