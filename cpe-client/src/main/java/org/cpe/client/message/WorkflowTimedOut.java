package org.cpe.client.message;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code WORKFLOW_TIMED_OUT}: the job ran past its execution start-to-close timeout. */
public final class WorkflowTimedOut extends CpeMessage {

    WorkflowTimedOut(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    /** {@code WORKFLOW_TIMED_OUT}. */
    public String reason() {
        return Fields.text(data(), "reason");
    }

    /** The details, naming the timeout. */
    public String details() {
        return Fields.text(data(), "details");
    }

    /** SWF's timeout type, {@code START_TO_CLOSE}. */
    public String timeoutType() {
        return Fields.text(data(), "timeoutType");
    }

    @Override
    public boolean endsJob() {
        return true;
    }
}
