package org.cpe.client.message;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code WORKFLOW_FAILED}: the job failed: a step failed that no step handles, or the job could not go on. */
public final class WorkflowFailed extends CpeMessage {

    WorkflowFailed(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    /** Why, such as the failed step's reason. */
    public String reason() {
        return Fields.text(data(), "reason");
    }

    /** The details of the failure. */
    public String details() {
        return Fields.text(data(), "details");
    }

    /** The step that failed, when a step did. */
    public String step() {
        return Fields.text(data(), "step");
    }

    @Override
    public boolean endsJob() {
        return true;
    }
}
