package org.cpe.client.message;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code ACTIVITY_FAILED}: an attempt of the step failed; a retry may follow ({@code ACTIVITY_RETRYING}). */
public final class ActivityFailed extends ActivityMessage {

    ActivityFailed(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    /** The failure's reason, such as {@code INPUT_INVALID}. */
    public String reason() {
        return Fields.text(activityResult(), "reason");
    }

    /** The failure's details. */
    public String details() {
        return Fields.text(activityResult(), "details");
    }
}
