package org.cpe.client.message;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code ACTIVITY_STATUS}: the answer to {@code GET_ACTIVITY_STATUS}, one step in full. */
public final class ActivityStatus extends CpeMessage {

    ActivityStatus(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    /** The job's status: {@code OPEN} or its close status. */
    public String status() {
        return Fields.text(data(), "status");
    }

    /** The step, with its outputs and the input of its latest attempt. */
    public StepState activity() {
        return StepState.of(data().path("activity"));
    }
}
