package org.cpe.client.message;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code ACTIVITY_CANCELED}: the step's activity stopped on a cancel request. */
public final class ActivityCanceled extends ActivityMessage {

    ActivityCanceled(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    /** What the activity or the Decider said, or null. */
    public String details() {
        String details = Fields.text(activityResult(), "details");
        return details != null ? details : Fields.text(activity(), "details");
    }
}
