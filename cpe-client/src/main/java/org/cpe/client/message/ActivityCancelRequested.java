package org.cpe.client.message;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code ACTIVITY_CANCEL_REQUESTED}: the answer to {@code CANCEL_ACTIVITY}; {@code ACTIVITY_CANCELED} follows unless the step ends first. */
public final class ActivityCancelRequested extends ActivityMessage {

    ActivityCancelRequested(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }
}
