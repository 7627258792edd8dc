package org.cpe.client.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code ACTIVITY_LIST}: the answer to {@code GET_ACTIVITY_LIST}, every step of a job with its outputs. */
public final class ActivityList extends CpeMessage {

    ActivityList(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    /** The job's status: {@code OPEN} or its close status. */
    public String status() {
        return Fields.text(data(), "status");
    }

    /** Every step of the job's plan. */
    public List<StepState> activities() {
        return StepState.list(data().path("activities"));
    }
}
