package org.cpe.client.message;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code JOB_CANCEL_REQUESTED}: the answer to {@code CANCEL_JOB}; {@code WORKFLOW_CANCELED} follows once the running activities stopped. */
public final class JobCancelRequested extends CpeMessage {

    JobCancelRequested(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }
}
