package org.cpe.client.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code ACTIVITY_STARTED}: a worker took the step's task. */
public final class ActivityStarted extends ActivityMessage {

    ActivityStarted(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    /** The input the activity was started with. */
    public JsonNode input() {
        return Fields.node(activity(), "input");
    }
}
