package org.cpe.client.message;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code WORKFLOW_CANCELED}: the job was canceled. */
public final class WorkflowCanceled extends CpeMessage {

    WorkflowCanceled(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    @Override
    public boolean endsJob() {
        return true;
    }
}
