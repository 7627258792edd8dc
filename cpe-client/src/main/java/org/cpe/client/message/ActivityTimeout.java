package org.cpe.client.message;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code ACTIVITY_TIMEOUT}: an attempt of the step timed out; a retry may follow. */
public final class ActivityTimeout extends ActivityMessage {

    ActivityTimeout(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    /** Which timeout fired: {@code START_TO_CLOSE}, {@code HEARTBEAT}, {@code SCHEDULE_TO_START}, {@code SCHEDULE_TO_CLOSE}. */
    public String timeoutType() {
        return Fields.text(activity(), "timeoutType");
    }

    /** The last heartbeat's details, or null. */
    public String details() {
        return Fields.text(activity(), "details");
    }
}
