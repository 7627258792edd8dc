package org.cpe.client.message;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code ACTIVITY_RETRYING}: attempt {@link #attempt()} failed and attempt {@link #nextAttempt()} follows after a wait. */
public final class ActivityRetrying extends ActivityMessage {

    ActivityRetrying(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    /** The number of the attempt that comes next. */
    public Integer nextAttempt() {
        return Fields.integer(activity(), "nextAttempt");
    }

    /** Seconds until the next attempt is scheduled. */
    public Double delaySeconds() {
        return Fields.number(activity(), "delaySeconds");
    }

    /** Why the last attempt failed. */
    public String reason() {
        return Fields.text(activity(), "reason");
    }

    /** The last attempt's failure details, or null. */
    public String details() {
        return Fields.text(activity(), "details");
    }
}
