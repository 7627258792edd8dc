package org.cpe.client.message;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code ACTIVITY_SCHEDULED}: the Decider scheduled an attempt of a step (see {@link #attempt()}). */
public final class ActivityScheduled extends ActivityMessage {

    ActivityScheduled(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }
}
