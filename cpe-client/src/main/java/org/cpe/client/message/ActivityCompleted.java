package org.cpe.client.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code ACTIVITY_COMPLETED}: the step's activity returned a result. */
public final class ActivityCompleted extends ActivityMessage {

    ActivityCompleted(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    /** The activity's result (JSON), or null when it returned none. */
    public JsonNode result() {
        return activityResult();
    }
}
